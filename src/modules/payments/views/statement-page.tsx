import { formatChf, formatDateTime, formatShortDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { bankMessages } from '../bank-messages.ts';
import type { DailyStatement } from '../ledger-statement.ts';
import { kindLabels } from '../ledger-statement-csv.ts';

/** The day a statement covers, as people type it (dd.mm.yyyy). */
export const swissDay = (iso: string) => iso.split('-').reverse().join('.');

export function StatementPage(props: {
  locale: Locale;
  authorityName: string;
  action: string;
  typedDate: string;
  errors: FieldError[];
  statement: DailyStatement | undefined;
}) {
  const t = bankMessages.translator(props.locale);
  const { locale, statement } = props;
  const chf = (cents: number) => formatChf(locale, cents);
  return (
    <>
      <h1>
        {t('statementTitle', {
          date: statement
            ? formatShortDate(locale, new Date(`${statement.date}T12:00:00Z`))
            : props.typedDate,
          authority: props.authorityName,
        })}
      </h1>
      <p class="lead">{t('statementLead')}</p>
      <ErrorSummary errors={props.errors} />
      <form method="get" action={props.action} class="inbox-filters">
        <TextInput
          name="date"
          label={t('statementDate')}
          hint={t('statementDateHint')}
          value={props.typedDate}
          error={props.errors.find((e) => e.field === 'date')?.message}
          inputmode="numeric"
        />
        <Button variant="secondary">{t('statementShow')}</Button>
      </form>
      {statement && (
        <>
          <p>
            <a href={`${props.action}.csv?date=${statement.date}`}>{t('statementCsv')}</a>
          </p>
          <p>
            <a href={`${props.action}.json?date=${statement.date}`}>{t('statementJson')}</a>
          </p>
          <h2>{t('statementBalances')}</h2>
          <SummaryList
            rows={[
              [t('balanceOpen'), chf(statement.closing.openCents)],
              [t('balanceReceived'), chf(statement.closing.receivedCents)],
              [t('balanceUnassigned'), chf(statement.closing.unassignedCents)],
            ]}
          />
          <h2>{t('statementTotals')}</h2>
          {statement.totals.length === 0 ? (
            <p>{t('statementNoEvents')}</p>
          ) : (
            <Table
              caption={t('statementTotals')}
              head={[
                t('ledgerProvider'),
                t('ledgerMethod'),
                t('ledgerKind'),
                t('ledgerCount'),
                t('ledgerAmount'),
              ]}
              numeric={[3, 4]}
              rows={statement.totals.map((total) => [
                total.provider ?? '—',
                total.method ?? '—',
                t(kindLabels[total.kind]),
                String(total.count),
                chf(total.amountCents),
              ])}
            />
          )}
          <h2>{t('statementEvents')}</h2>
          {statement.events.length === 0 ? (
            <p>{t('statementNoEvents')}</p>
          ) : (
            <Table
              caption={t('statementEvents')}
              head={[
                t('ledgerAt'),
                t('ledgerKind'),
                t('ledgerAmount'),
                t('ledgerProvider'),
                t('ledgerMethod'),
                t('ledgerReference'),
              ]}
              numeric={[2]}
              rows={statement.events.map((e) => [
                formatDateTime(locale, e.at),
                t(kindLabels[e.kind]),
                chf(e.amountCents),
                e.provider ?? '—',
                e.method ?? '—',
                e.reference ?? '—',
              ])}
            />
          )}
          <h2>{t('statementOpenFees')}</h2>
          {statement.openFees.length === 0 ? (
            <p>{t('statementNoOpenFees')}</p>
          ) : (
            <Table
              caption={t('statementOpenFees')}
              head={[t('ledgerReference'), t('ledgerPurpose'), t('ledgerOpen'), t('ledgerAt')]}
              numeric={[2]}
              rows={statement.openFees.map((fee) => [
                fee.reference,
                pick(fee.purpose, locale),
                chf(fee.openCents),
                formatShortDate(locale, fee.askedAt),
              ])}
            />
          )}
        </>
      )}
    </>
  );
}
