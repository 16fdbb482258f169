import type { Db } from '../../platform/database/database.ts';
import {
  type DoseJump,
  doseJumps,
  type FiledStatement,
  lastDueMonth,
  type MissingStatement,
  missingStatements,
  type ProductTotal,
  previousMonth,
  type SharedPatient,
  sharedPatients,
  totalsByProduct,
} from './controls.ts';
import { type ControlSettings, controlSettings } from './settings.ts';
import type { StatementRow } from './statement-rows.ts';
import { narcotics } from './statements.ts';

/** The filed statements of an authority for some months. */
export async function filedStatements(
  db: Db,
  authorityId: string,
  months: string[],
): Promise<FiledStatement[]> {
  if (months.length === 0) return [];
  const rows = await narcotics(db)
    .selectFrom('narcotics_statements')
    .select(['pharmacy_uid', 'pharmacy_name', 'month', 'rows'])
    .where('authority_id', '=', authorityId)
    .where('status', '=', 'filed')
    .where('month', 'in', months)
    .execute();
  return rows.map((r) => ({
    pharmacyUid: r.pharmacy_uid,
    pharmacyName: r.pharmacy_name,
    month: r.month,
    rows: r.rows as StatementRow[],
  }));
}

export interface Dashboard {
  /** The month looked at, and the one before it (dose jumps and missing statements compare them). */
  month: string;
  settings: ControlSettings;
  filedCount: number;
  missing: MissingStatement[];
  shared: SharedPatient[];
  jumps: DoseJump[];
  totals: ProductTotal[];
}

/**
 * The cantonal pharmacist's controls for a month (by default the latest one whose deadline is past):
 * missing statements, patient codes in two pharmacies, dose jumps, totals of this month and the
 * five before it.
 */
export async function dashboardOf(
  db: Db,
  authorityId: string,
  today: string,
  month?: string,
): Promise<Dashboard> {
  const settings = await controlSettings(db, authorityId);
  const shown = month ?? lastDueMonth(today, settings.deadlineDay);
  const months = [shown];
  while (months.length < 6) months.push(previousMonth(months[months.length - 1] ?? shown));
  const statements = await filedStatements(db, authorityId, months);
  const ofShown = statements.filter((s) => s.month === shown);
  const comparable = statements.filter((s) => s.month === shown || s.month === previousMonth(shown));
  return {
    month: shown,
    settings,
    filedCount: ofShown.length,
    missing: missingStatements(statements, shown, settings.deadlineDay, today),
    shared: sharedPatients(ofShown),
    jumps: doseJumps(comparable, settings.doseJumpPercent).filter((j) => j.month === shown),
    totals: totalsByProduct(statements),
  };
}
