import { formatChf } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { taxSituationMessages } from '../messages.ts';
import { type AccountEntry, openInvoices, totalsOf } from '../tax-account.ts';

export interface TaxSituationView {
  locale: Locale;
  accountName: string;
  entries: AccountEntry[] | null;
  problem?: 'unavailable' | 'noNumber';
}

const swissDate = (iso: string) => iso.split('-').reverse().join('.');

/** The taxpayer's account per period and tax type with its totals, and the invoices still open. */
export function TaxSituationPage(props: TaxSituationView) {
  const t = taxSituationMessages.translator(props.locale);
  const chf = (cents: number) => formatChf(props.locale, cents);
  // The account's nine columns fit a desktop's width only with "CHF" said once, in the headers.
  const francs = (cents: number) => formatChf(props.locale, cents).replace(/^CHF\s/, '');
  const inChf = (label: string) => t('inChf', { label });
  const taxName = (type: string) =>
    type === 'cantonal_communal' || type === 'federal' || type === 'profit_capital' ? t(type) : type;
  const entries = props.entries ?? [];
  const totals = totalsOf(entries);
  const open = openInvoices(entries);
  return (
    <>
      <h1>{t('title')}</h1>
      {props.problem ? (
        <NotificationBanner>{t(props.problem)}</NotificationBanner>
      ) : (
        <p>{t('intro', { account: props.accountName })}</p>
      )}
      {props.entries && (
        <>
          <Table
            caption={t('caption')}
            head={[
              t('period'),
              t('taxType'),
              inChf(t('assessed')),
              inChf(t('invoiced')),
              inChf(t('paid')),
              inChf(t('outstanding')),
              t('instalments'),
              t('reminders'),
              t('dueOn'),
            ]}
            numeric={[2, 3, 4, 5, 6, 7]}
            rows={[
              ...entries.map((e) => [
                String(e.period),
                taxName(e.taxType),
                e.assessedCents === null ? t('provisional') : francs(e.assessedCents),
                francs(e.invoicedCents),
                francs(e.paidCents),
                francs(e.outstandingCents),
                `${e.instalments.paid} / ${e.instalments.count}`,
                String(e.reminders),
                swissDate(e.dueOn),
              ]),
              [
                <strong>{t('total')}</strong>,
                '',
                <strong>{francs(totals.assessedCents)}</strong>,
                <strong>{francs(totals.invoicedCents)}</strong>,
                <strong>{francs(totals.paidCents)}</strong>,
                <strong>{francs(totals.outstandingCents)}</strong>,
                '',
                <strong>{String(totals.reminders)}</strong>,
                '',
              ],
            ]}
          />
          <section aria-labelledby="open-invoices">
            <h2 id="open-invoices">{t('openTitle')}</h2>
            {open.length === 0 ? (
              <p>{t('openNone')}</p>
            ) : (
              <Table
                caption={t('openCaption')}
                head={[t('invoice'), t('period'), t('outstanding'), t('dueOn'), t('pay')]}
                numeric={[2]}
                rows={open.map((e) => [
                  <span class="nowrap">{e.invoiceNumber}</span>,
                  `${e.period} – ${taxName(e.taxType)}`,
                  chf(e.outstandingCents),
                  swissDate(e.dueOn),
                  <a href={`/tax/situation/invoices/${encodeURIComponent(e.invoiceNumber)}/qr-bill`}>
                    {t('qrBill', { invoice: e.invoiceNumber })}
                  </a>,
                ])}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}
