import type { Product, StatementRow } from './statement-rows.ts';

/** A filed statement as the controls read it. */
export interface FiledStatement {
  pharmacyUid: string;
  pharmacyName: string;
  /** `YYYY-MM` */
  month: string;
  rows: StatementRow[];
}

export interface SharedPatient {
  month: string;
  patientCode: string;
  pharmacies: { uid: string; name: string }[];
}

/** A patient code dispensed by two pharmacies or more in the same month (double supply). */
export function sharedPatients(statements: FiledStatement[]): SharedPatient[] {
  const byKey = new Map<string, SharedPatient>();
  for (const statement of statements)
    for (const row of statement.rows) {
      const key = `${statement.month} ${row.patientCode}`;
      const found = byKey.get(key) ?? {
        month: statement.month,
        patientCode: row.patientCode,
        pharmacies: [],
      };
      if (!found.pharmacies.some((p) => p.uid === statement.pharmacyUid))
        found.pharmacies.push({ uid: statement.pharmacyUid, name: statement.pharmacyName });
      byKey.set(key, found);
    }
  return [...byKey.values()]
    .filter((s) => s.pharmacies.length > 1)
    .sort((a, b) => b.month.localeCompare(a.month) || a.patientCode.localeCompare(b.patientCode));
}

export interface DoseJump {
  month: string;
  day: number;
  patientCode: string;
  product: Product;
  pharmacyUid: string;
  pharmacyName: string;
  from: number;
  to: number;
}

/**
 * A daily dose higher than the patient's previous dose of the same product by more than
 * `thresholdPercent`, followed across months (the first days of a month compare with the last dose
 * of the one before). Days without a dose (week-end take-home doses counted elsewhere) are skipped.
 */
export function doseJumps(statements: FiledStatement[], thresholdPercent: number): DoseJump[] {
  const series = new Map<string, { statement: FiledStatement; row: StatementRow }[]>();
  for (const statement of [...statements].sort((a, b) => a.month.localeCompare(b.month)))
    for (const row of statement.rows) {
      const key = `${row.patientCode} ${row.product}`;
      series.set(key, [...(series.get(key) ?? []), { statement, row }]);
    }
  const jumps: DoseJump[] = [];
  for (const months of series.values()) {
    let previous: number | undefined;
    for (const { statement, row } of months)
      row.doses.forEach((dose, day) => {
        if (dose <= 0) return;
        if (previous !== undefined && dose > previous * (1 + thresholdPercent / 100))
          jumps.push({
            month: statement.month,
            day: day + 1,
            patientCode: row.patientCode,
            product: row.product,
            pharmacyUid: statement.pharmacyUid,
            pharmacyName: statement.pharmacyName,
            from: previous,
            to: dose,
          });
        previous = dose;
      });
  }
  return jumps.sort(
    (a, b) => b.month.localeCompare(a.month) || a.patientCode.localeCompare(b.patientCode) || a.day - b.day,
  );
}

export interface ProductTotal {
  month: string;
  product: Product;
  /** The sum of every day's dose, in mg. */
  totalMg: number;
  patients: number;
}

export function totalsByProduct(statements: FiledStatement[]): ProductTotal[] {
  const byKey = new Map<string, { month: string; product: Product; totalMg: number; codes: Set<string> }>();
  for (const statement of statements)
    for (const row of statement.rows) {
      const key = `${statement.month} ${row.product}`;
      const found = byKey.get(key) ?? {
        month: statement.month,
        product: row.product,
        totalMg: 0,
        codes: new Set<string>(),
      };
      found.totalMg += row.doses.reduce((sum, dose) => sum + dose, 0);
      found.codes.add(row.patientCode);
      byKey.set(key, found);
    }
  return [...byKey.values()]
    .map(({ codes, totalMg, ...total }) => ({
      ...total,
      totalMg: Math.round(totalMg * 1000) / 1000,
      patients: codes.size,
    }))
    .sort((a, b) => b.month.localeCompare(a.month) || a.product.localeCompare(b.product));
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 2000, (m ?? 1) - 2, 1));
  return date.toISOString().slice(0, 7);
}

/** The day a month's statement is due: the `deadlineDay` of the next month, end of that day (Swiss time is close enough at day's granularity). */
export function deadlineOf(month: string, deadlineDay: number): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 2000, m ?? 1, deadlineDay)).toISOString().slice(0, 10);
}

/** The latest month whose deadline is past on `today` (YYYY-MM-DD). */
export function lastDueMonth(today: string, deadlineDay: number): string {
  let month = previousMonth(today.slice(0, 7));
  while (deadlineOf(month, deadlineDay) >= today) month = previousMonth(month);
  return month;
}

export interface MissingStatement {
  month: string;
  pharmacyUid: string;
  pharmacyName: string;
  deadline: string;
}

/**
 * The pharmacies that filed the month before but not `month`, once its deadline is past: a pharmacy
 * that dispenses substitution treatments does so every month.
 */
export function missingStatements(
  statements: FiledStatement[],
  month: string,
  deadlineDay: number,
  today: string,
): MissingStatement[] {
  const deadline = deadlineOf(month, deadlineDay);
  if (today <= deadline) return [];
  const filed = new Set(statements.filter((s) => s.month === month).map((s) => s.pharmacyUid));
  return statements
    .filter((s) => s.month === previousMonth(month) && !filed.has(s.pharmacyUid))
    .map((s) => ({ month, pharmacyUid: s.pharmacyUid, pharmacyName: s.pharmacyName, deadline }))
    .sort((a, b) => a.pharmacyName.localeCompare(b.pharmacyName));
}
