import type { Period } from './figures.ts';

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

const monthOf = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit' })
    .format(date)
    .slice(0, 7);

/** The twelve months up to the current one, in Swiss time. */
export function lastTwelveMonths(now: Date): Period {
  const to = monthOf(now);
  const [year, month] = to.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 12, 1));
  return { from: start.toISOString().slice(0, 7), to };
}

/** The period a cockpit's query asks for; absent months default to the last twelve, wrong ones are refused. */
export function periodFrom(
  query: { from?: string; to?: string },
  now: Date,
): { period: Period; invalid: boolean } {
  const fallback = lastTwelveMonths(now);
  const from = query.from?.trim() || fallback.from;
  const to = query.to?.trim() || fallback.to;
  if (!monthPattern.test(from) || !monthPattern.test(to) || from > to)
    return { period: fallback, invalid: true };
  return { period: { from, to }, invalid: false };
}
