import { formatDate, formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { verificationMessages } from '../messages.ts';
import type { Verdict, VerificationResult } from '../verdict.ts';

/** The kinds of document Guichet issues, as signed in their codes (signing's `issuedTypes`). */
const documentTypes = ['decision', 'letter', 'receipt', 'bill', 'extract', 'authorisation'] as const;

/** A document type as people read it; one this page does not know is a document, never its code. */
export function documentTypeName(locale: Locale, type: string): string {
  const t = verificationMessages.translator(locale);
  const known = documentTypes.find((one) => one === type);
  return known ? t(`docType_${known}`) : t('docType_other');
}

/** Only a valid document is shown as good; every other verdict warns. */
export const verdictTone = (verdict: Verdict) => (verdict === 'valid' ? 'success' : 'important');

/**
 * One verdict, then what was signed, to compare with the paper. The page's script draws the same
 * markup from a verification made in the browser (verify.js), so both read alike.
 */
export function VerificationResultView(props: { locale: Locale; result: VerificationResult }) {
  const { locale, result } = props;
  const t = verificationMessages.translator(locale);
  const doc = result.document;
  const fieldLabel = (key: string) =>
    key === 'n' || key === 'b' || key === 'r' || key === 'o' ? t(`field_${key}`) : key.replaceAll('_', ' ');
  const rows: [string, string][] = [];
  if (result.issuer) rows.push([t('issuer'), result.issuer.names[locale] ?? result.issuer.slug]);
  if (doc) {
    rows.push([t('documentType'), documentTypeName(locale, doc.type)], [t('serial'), doc.serial]);
    rows.push([t('issuedAt'), formatDate(locale, new Date(doc.issuedAt))]);
    if (doc.expiresAt) rows.push([t('expiresAt'), formatDate(locale, new Date(doc.expiresAt))]);
    if (doc.revokedAt) rows.push([t('revokedAt'), formatDate(locale, new Date(doc.revokedAt))]);
  }
  return (
    <section
      class={`notification notification--${verdictTone(result.verdict)}`}
      aria-labelledby="verdict-title"
      data-verdict={result.verdict}
    >
      <h2 class="notification__title" id="verdict-title">
        {t(`verdict_${result.verdict}`)}
      </h2>
      <div class="notification__body">
        <p>{t(`explain_${result.verdict}`)}</p>
        {rows.length > 0 && <SummaryList rows={rows} />}
        {doc?.fields && Object.keys(doc.fields).length > 0 && (
          <>
            <h3>{t('signedFields')}</h3>
            <SummaryList rows={Object.entries(doc.fields).map(([key, value]) => [fieldLabel(key), value])} />
          </>
        )}
        {result.seal && (
          <>
            <h3>{t('sealTitle')}</h3>
            <SummaryList
              rows={[
                ...(result.seal.timestampedAt
                  ? [
                      [t('sealTimestamp'), formatDateTime(locale, new Date(result.seal.timestampedAt))] as [
                        string,
                        string,
                      ],
                    ]
                  : []),
                [t('sealRegistered'), result.seal.registered ? t('yes') : t('sealNotRegistered')],
              ]}
            />
          </>
        )}
      </div>
    </section>
  );
}
