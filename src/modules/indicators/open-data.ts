import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { listAuthorities } from '../authorities/index.ts';
import { getForm } from '../forms/index.ts';
import { type Figures, serviceMonths } from './figures.ts';

/** Counts from 1 to 4 are left out of what is published, and so is what is computed from them. */
export const smallestPublished = 5;

/** One published line: a service of an authority in a month. */
export interface OpenDataRow {
  month: string;
  authority: string;
  authorityName: string;
  service: string | null;
  serviceName: string | null;
  pageViews: number | null;
  formsStarted: number | null;
  formsAbandoned: number | null;
  submitted: number | null;
  submittedOnline: number | null;
  submittedByStaff: number | null;
  decided: number | null;
  medianProcessingDays: number | null;
  p90ProcessingDays: number | null;
  payments: number | null;
  documentsOpened: number | null;
  satisfactionAnswers: number | null;
  satisfactionMean: number | null;
}

export const openDataColumns: (keyof OpenDataRow)[] = [
  'month',
  'authority',
  'authorityName',
  'service',
  'serviceName',
  'pageViews',
  'formsStarted',
  'formsAbandoned',
  'submitted',
  'submittedOnline',
  'submittedByStaff',
  'decided',
  'medianProcessingDays',
  'p90ProcessingDays',
  'payments',
  'documentsOpened',
  'satisfactionAnswers',
  'satisfactionMean',
];

const suppressed = (count: number) => (count > 0 && count < smallestPublished ? null : count);
/** A statistic over fewer than five cases would tell about those cases: left out with them. */
const over = (count: number, value: number | null, digits: number) =>
  count < smallestPublished || value === null ? null : Number(value.toFixed(digits));
const days = (seconds: number | null) => (seconds === null ? null : seconds / 86400);

export function publishedRow(
  figures: Figures,
): Omit<OpenDataRow, 'month' | 'authority' | 'authorityName' | 'service' | 'serviceName'> {
  return {
    pageViews: suppressed(figures.views),
    formsStarted: suppressed(figures.started),
    formsAbandoned: suppressed(figures.abandoned),
    submitted: suppressed(figures.submitted),
    submittedOnline: suppressed(figures.online),
    submittedByStaff: suppressed(figures.staff),
    decided: suppressed(figures.decided),
    medianProcessingDays: over(figures.decided, days(figures.medianSeconds), 1),
    p90ProcessingDays: over(figures.decided, days(figures.p90Seconds), 1),
    payments: suppressed(figures.paid),
    documentsOpened: suppressed(figures.documentsOpened),
    satisfactionAnswers: suppressed(figures.ratings),
    satisfactionMean: over(figures.ratings, figures.ratingMean, 2),
  };
}

const monthKey = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit' })
    .format(date)
    .slice(0, 7);

/** The months published: from the first one counted to the last one over (a month under way changes). */
export async function publishedMonths(db: Db, now: Date) {
  const { rows } = await sql<{
    first: Date | null;
  }>`select min(occurred_at) as first from indicator_events`.execute(db);
  const first = rows[0]?.first;
  const lastOver = new Date(now);
  lastOver.setUTCDate(1);
  lastOver.setUTCMonth(lastOver.getUTCMonth() - 1);
  if (!first || monthKey(first) > monthKey(lastOver)) return undefined;
  return { from: monthKey(first), to: monthKey(lastOver) };
}

/** Every authority's monthly aggregates per service, small counts suppressed. */
export async function openDataRows(db: Db, now: Date): Promise<OpenDataRow[]> {
  const period = await publishedMonths(db, now);
  if (!period) return [];
  const rows: OpenDataRow[] = [];
  const names = new Map<string, string>();
  for (const authority of await listAuthorities(db)) {
    for (const month of await serviceMonths(db, authority.id, period, now)) {
      if (month.formId && !names.has(month.formId))
        names.set(month.formId, (await getForm(db, month.formId))?.name ?? '');
      rows.push({
        month: month.month,
        authority: authority.slug,
        authorityName: pick(authority.names, 'fr', authority.languages),
        service: month.formId,
        serviceName: month.formId ? (names.get(month.formId) ?? null) : null,
        ...publishedRow(month),
      });
    }
  }
  return rows.sort((a, b) => a.month.localeCompare(b.month) || a.authority.localeCompare(b.authority));
}

const csvCell = (value: string | number | null) => {
  if (value === null) return '';
  const text = String(value);
  // A cell a spreadsheet would run as a formula is quoted as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The rows as CSV (RFC 4180, UTF-8, comma, header line); a suppressed count is an empty cell. */
export function openDataCsv(rows: OpenDataRow[]): string {
  const lines = [openDataColumns.join(',')];
  for (const row of rows) lines.push(openDataColumns.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
