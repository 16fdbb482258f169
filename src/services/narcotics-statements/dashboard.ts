import { type Expression, sql } from 'kysely';
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
  const months = monthsShown(settings, today, month);
  return dashboardFrom(settings, today, months, await filedStatements(db, authorityId, months));
}

/** The month a dashboard shows (by default the latest one due), then the five before it. */
export function monthsShown(settings: ControlSettings, today: string, month?: string): string[] {
  const months = [month ?? lastDueMonth(today, settings.deadlineDay)];
  while (months.length < 6) months.push(previousMonth(months[months.length - 1] ?? ''));
  return months;
}

/** The months any dashboard may show by default from `today`, whatever the deadline day: the last seven. */
export function monthsDue(today: string): string[] {
  const months = [previousMonth(today.slice(0, 7))];
  while (months.length < 7) months.push(previousMonth(months[months.length - 1] ?? ''));
  return months;
}

/** The dashboard of `months` (`monthsShown`) from the filed statements read (of these months, or more). */
export function dashboardFrom(
  settings: ControlSettings,
  today: string,
  months: string[],
  filed: FiledStatement[],
): Dashboard {
  const shown = months[0] ?? '';
  const statements = filed.filter((s) => months.includes(s.month));
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

/**
 * What "my space" needs of an authority's dashboard, as one SQL expression read with the page's
 * other sections: the settings and the statements filed in the months it may show (`monthsDue`).
 */
export function dashboardSql(authorityId: Expression<string | null>, today: string) {
  return sql`json_build_object(
    'settings', (select json_build_object('doseJumpPercent', dose_jump_percent, 'deadlineDay', deadline_day)
      from narcotics_settings where authority_id = ${authorityId}),
    'filed', (select coalesce(json_agg(json_build_object('pharmacyUid', pharmacy_uid,
        'pharmacyName', pharmacy_name, 'month', month, 'rows', rows)), '[]')
      from narcotics_statements where authority_id = ${authorityId} and status = 'filed'
        and month = any(${monthsDue(today)}::text[])))`;
}
