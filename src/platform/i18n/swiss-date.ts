/**
 * A typed date as ISO (`2026-11-30`), from the Swiss way of writing it (`30.11.2026`, `1.3.2026`) or
 * from ISO itself; undefined when it is not a day of the calendar.
 *
 * @example toIsoDate('30.11.2026') // '2026-11-30'
 */
export function toIsoDate(text: string): string | undefined {
  const trimmed = text.trim();
  const swiss = trimmed.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  const iso = swiss ? `${swiss[3]}-${swiss[2]?.padStart(2, '0')}-${swiss[1]?.padStart(2, '0')}` : trimmed;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}
