import { describe, expect, it } from 'vitest';
import { safeReturn } from './safe-return.ts';

/** Known ways of smuggling another origin past a "starts with one slash" check. */
const openRedirectBypasses = [
  'https://evil.example',
  'https:evil.example',
  'https:/evil.example',
  '//evil.example',
  '///evil.example',
  '//@evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\t/evil.example/phish',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\t\\evil.example',
  '%2F%2Fevil.example',
  '%2f%2fevil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/a/../..//evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '\uff0f\uff0fevil.example',
  '\u3000//evil.example',
  ' //evil.example',
  'evil.example',
  '',
  undefined,
];

/** Odd but harmless: they stay on this site once the browser has parsed them. */
const sameSiteOddities = [
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  '/\uff0f\uff0fevil.example',
  '/%09/evil.example',
];

const origin = 'https://guichet.example';

describe('safeReturn', () => {
  it('keeps paths of this site, with their query and fragment', () => {
    expect(safeReturn('/profile?tab=1')).toBe('/profile?tab=1');
    expect(safeReturn('/oidc/interaction/abc')).toBe('/oidc/interaction/abc');
    expect(safeReturn('/my#documents')).toBe('/my#documents');
  });

  it.each(openRedirectBypasses.map((value) => [JSON.stringify(value), value]))(
    'refuses %s',
    (_label, value) => {
      expect(safeReturn(value)).toBe('/');
      expect(safeReturn(value, '/my')).toBe('/my');
    },
  );

  it.each(sameSiteOddities)('keeps %s on this origin, percent-encoded', (value) => {
    const result = safeReturn(value);
    expect(result).toMatch(/^\/[^/\\]/);
    expect(new URL(result, origin).origin).toBe(origin);
  });

  it('never gives back characters that would break a Location header', () => {
    for (const value of [...openRedirectBypasses, ...sameSiteOddities, '/caf\u00e9', '/a b']) {
      expect(safeReturn(value)).toMatch(/^[\x21-\x7e]+$/);
    }
  });
});
