import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { narcotics } from './statements.ts';

export interface ControlSettings {
  /** A daily dose more than this many percent above the previous one is shown as a jump. */
  doseJumpPercent: number;
  /** A month's statement is due on this day of the next month. */
  deadlineDay: number;
}

export const defaultSettings: ControlSettings = { doseJumpPercent: 50, deadlineDay: 10 };

export async function controlSettings(db: Db, authorityId: string): Promise<ControlSettings> {
  const row = await narcotics(db)
    .selectFrom('narcotics_settings')
    .select(['dose_jump_percent', 'deadline_day'])
    .where('authority_id', '=', authorityId)
    .executeTakeFirst();
  return row ? { doseJumpPercent: row.dose_jump_percent, deadlineDay: row.deadline_day } : defaultSettings;
}

/** Reads the cantonal pharmacist's form: whole numbers within bounds, or the problem of each field. */
export function parseSettings(form: Record<string, unknown>): {
  settings: ControlSettings;
  problems: ('doseJumpPercent' | 'deadlineDay')[];
} {
  const number = (name: string) => {
    const text = String(form[name] ?? '').trim();
    return /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  };
  const settings = { doseJumpPercent: number('doseJumpPercent'), deadlineDay: number('deadlineDay') };
  const problems: ('doseJumpPercent' | 'deadlineDay')[] = [];
  if (!(settings.doseJumpPercent >= 1 && settings.doseJumpPercent <= 1000)) problems.push('doseJumpPercent');
  if (!(settings.deadlineDay >= 1 && settings.deadlineDay <= 28)) problems.push('deadlineDay');
  return { settings, problems };
}

export async function saveControlSettings(
  db: Db,
  by: string,
  authorityId: string,
  settings: ControlSettings,
): Promise<void> {
  const values = { dose_jump_percent: settings.doseJumpPercent, deadline_day: settings.deadlineDay };
  await audited(
    db,
    {
      actor: `person:${by}`,
      action: 'narcotics.saveSettings',
      subjectType: 'authority',
      subjectId: authorityId,
      authorityId,
      details: { ...settings },
    },
    (tx) =>
      narcotics(tx)
        .insertInto('narcotics_settings')
        .values({ authority_id: authorityId, ...values })
        .onConflict((oc) => oc.column('authority_id').doUpdateSet(values))
        .execute(),
  );
}
