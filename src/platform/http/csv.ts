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

/** A CSV download (RFC 4180 line ends) named `filename`. */
export function csvResponse(c: Context, filename: string, header: string[], rows: unknown[][]): Response {
  const lines = [header.join(','), ...rows.map((row) => row.map(csvField).join(','))];
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(`${lines.join('\r\n')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}
