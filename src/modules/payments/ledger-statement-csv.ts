import { csvDateTime, csvField, csvFrancs } from '../../platform/http/csv.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import { bankMessages } from './bank-messages.ts';
import type { DailyStatement } from './ledger-statement.ts';
import type { LedgerKind } from './tables.ts';

/** The wording of each ledger kind, in the bank messages. */
export const kindLabels: Record<LedgerKind, Parameters<ReturnType<typeof bankMessages.translator>>[0]> = {
  asked: 'kindAsked',
  paid: 'kindPaid',
  failed: 'kindFailed',
  refunded: 'kindRefunded',
  transferred: 'kindTransferred',
  written_off: 'kindWrittenOff',
  cancelled: 'kindCancelled',
};

/**
 * The statement as rows for a Swiss spreadsheet (like the payments' CSV: words, francs, Swiss time):
 * the day's movements, then the totals per provider and method, then the fees still open, each row
 * saying in its first column which part it belongs to.
 */
export function statementCsv(statement: DailyStatement, locale: Locale) {
  const t = bankMessages.translator(locale);
  const header = [
    t('statementSection'),
    t('ledgerAt'),
    t('ledgerKind'),
    t('ledgerAmount'),
    t('ledgerProvider'),
    t('ledgerMethod'),
    t('ledgerReference'),
    t('ledgerPurpose'),
    t('ledgerAccountingCode'),
    t('ledgerCount'),
  ];
  const rows: unknown[][] = [
    ...statement.events.map((e) => [
      t('statementEvents'),
      csvDateTime(e.at),
      t(kindLabels[e.kind]),
      csvFrancs(e.amountCents),
      e.provider,
      e.method,
      e.reference,
      e.purpose ? pick(e.purpose, locale) : null,
      e.accountingCode,
      1,
    ]),
    ...statement.totals.map((total) => [
      t('statementTotals'),
      null,
      t(kindLabels[total.kind]),
      csvFrancs(total.amountCents),
      total.provider,
      total.method,
      null,
      null,
      null,
      total.count,
    ]),
    ...statement.openFees.map((fee) => [
      t('statementOpenFees'),
      csvDateTime(fee.askedAt),
      t('balanceOpen'),
      csvFrancs(fee.openCents),
      null,
      null,
      fee.reference,
      pick(fee.purpose, locale),
      null,
      1,
    ]),
  ];
  return { header, rows };
}

/** The same rows as the text of a file (`;`, BOM, CRLF), for the command line. */
export function statementCsvText(statement: DailyStatement, locale: Locale): string {
  const { header, rows } = statementCsv(statement, locale);
  const line = (fields: unknown[]) => fields.map(csvField).join(';');
  return `\ufeff${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}
