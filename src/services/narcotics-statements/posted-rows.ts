import { maxLines } from './spreadsheet.ts';
import type { RawRow } from './statement-rows.ts';

/** The entry table as posted: `count` lines of `r<i>.<field>` cells (see the statement page). */
export function postedRows(form: Record<string, unknown>): RawRow[] {
  const text = (name: string) => {
    const value = form[name];
    return typeof value === 'string' ? value : '';
  };
  const count = Math.min(Number.parseInt(text('count'), 10) || 0, maxLines + 10);
  return Array.from({ length: count }, (_, i) => ({
    patientCode: text(`r${i}.patientCode`),
    product: text(`r${i}.product`),
    strength: text(`r${i}.strength`),
    prescriberGln: text(`r${i}.prescriberGln`),
    doses: Array.from({ length: 31 }, (_, d) => text(`r${i}.day${d + 1}`)),
  }));
}
