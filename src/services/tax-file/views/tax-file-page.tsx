import { formatChf } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { taxFileMessages } from '../messages.ts';
import type { TaxFileDocument } from '../tax-system-client.ts';

export interface TaxFileView {
  locale: Locale;
  accountName: string;
  years: { from: number; to: number };
  /** Null when the tax system could not be asked, or the account has no number. */
  documents: TaxFileDocument[] | null;
  problem?: 'unavailable' | 'noNumber';
  olderFormId: string | null;
}

const swissDate = (iso: string) => iso.split('-').reverse().join('.');

/** The tax file's recent documents by tax year, each downloadable, and the way to older ones. */
export function TaxFilePage(props: TaxFileView) {
  const t = taxFileMessages.translator(props.locale);
  const titleOf = (d: TaxFileDocument) => (props.locale === 'de' ? d.title.de : d.title.fr);
  const years = [...new Set((props.documents ?? []).map((d) => d.taxYear))];
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('forAccount', { account: props.accountName })}</p>
      {props.problem ? (
        <NotificationBanner>{t(props.problem)}</NotificationBanner>
      ) : (
        <p>{t('intro', { from: props.years.from, to: props.years.to })}</p>
      )}
      {props.documents?.length === 0 && <p>{t('none')}</p>}
      {years.map((year) => (
        <Table
          caption={t('year', { year })}
          head={[t('document'), t('issuedOn'), t('amount'), t('download')]}
          numeric={[2]}
          rows={(props.documents ?? [])
            .filter((d) => d.taxYear === year)
            .map((d) => [
              titleOf(d),
              swissDate(d.issuedOn),
              formatChf(props.locale, d.amountCents),
              <a
                href={`/tax/documents/${encodeURIComponent(d.id)}`}
                aria-label={t('downloadLabel', { title: titleOf(d) })}
              >
                {t('download')}
              </a>,
            ])}
        />
      ))}
      {props.olderFormId && (
        <section aria-labelledby="older-documents">
          <h2 id="older-documents">{t('olderTitle')}</h2>
          <p>{t('olderText')}</p>
          <p>
            <a href={`/forms/${props.olderFormId}/start`}>{t('olderLink')}</a>
          </p>
        </section>
      )}
    </>
  );
}
