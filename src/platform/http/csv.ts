import type { Context } from 'hono';

/**
 * One CSV field: quoted, quotes doubled, objects as JSON. A value a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with `'`, so that an answer such as
 * `=HYPERLINK(…)` stays text when staff open the export (OWASP "CSV injection").
 */
export function csvField(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * A CSV download (RFC 4180 line ends) named `filename`. `spreadsheet: true` writes it as a Swiss
 * spreadsheet opens it with a double click: `;` between fields (`,` is the decimal sign of fr-CH
 * Excel) and a byte order mark, without which Excel reads UTF-8 as Windows-1252.
 */
export function csvResponse(
  c: Context,
  filename: string,
  header: string[],
  rows: unknown[][],
  options: { spreadsheet?: boolean } = {},
): Response {
  const separator = options.spreadsheet ? ';' : ',';
  const line = (fields: unknown[]) => fields.map(csvField).join(separator);
  const lines = [options.spreadsheet ? line(header) : header.join(','), ...rows.map(line)];
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  const bom = options.spreadsheet ? '\ufeff' : '';
  return c.body(`${bom}${lines.join('\r\n')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}

/** A moment as Swiss spreadsheets read it, in Swiss time: `30.11.2026 07:35`. */
export function csvDateTime(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('de-CH', {
      timeZone: 'Europe/Zurich',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Centimes as francs a spreadsheet sums: `17.00` (no currency, no thousands mark). */
export const csvFrancs = (centimes: number) => (centimes / 100).toFixed(2);
