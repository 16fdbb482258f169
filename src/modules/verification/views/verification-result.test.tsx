import { describe, expect, it } from 'vitest';
import { locales } from '../../../platform/i18n/locales.ts';
import { issuedTypes } from '../../signing/issuing/content.ts';
import type { VerificationResult } from '../verdict.ts';
import { documentTypeName, VerificationResultView } from './verification-result.tsx';

const resultOf = (type: string): VerificationResult => ({
  verdict: 'valid',
  source: 'qr',
  issuer: { slug: 'spf', names: { fr: 'Service des poursuites' } },
  document: { type, serial: 'SPF-1', issuedAt: '2026-11-30T10:00:00Z' },
});
const typeRow = (html: string) =>
  html.match(/<dt[^>]*>(Type de document|Dokumentart|Document type)<\/dt>\s*<dd[^>]*>([^<]*)</)?.[2];

describe('the document type on the verification page', () => {
  it.each([
    ['fr', 'extract', 'Extrait'],
    ['de', 'authorisation', 'Bewilligung'],
    ['en', 'receipt', 'Acknowledgement of receipt'],
  ] as const)('is named in %s: %s as “%s”', (locale, type, name) => {
    expect(typeRow(String(<VerificationResultView locale={locale} result={resultOf(type)} />))).toBe(name);
  });

  it('names every type Guichet issues in every language, never by its code', () => {
    for (const locale of locales)
      for (const type of issuedTypes) {
        const name = documentTypeName(locale, type);
        expect(name).not.toBe(type);
        expect(name).not.toBe(documentTypeName(locale, 'unknown'));
      }
  });

  it('calls a type it does not know a document, not by its code', () => {
    const html = String(<VerificationResultView locale="de" result={resultOf('permit_x')} />);
    expect(typeRow(html)).toBe('Dokument');
    expect(html).not.toContain('permit_x');
  });
});
