import { agentsFor } from '../../modules/mandates/index.ts';
import { notify } from '../../modules/notifications/index.ts';
import type { Db } from '../../platform/database/database.ts';
import { lastDueMonth, missingStatements, previousMonth } from './controls.ts';
import { filedStatements } from './dashboard.ts';
import { controlSettings } from './settings.ts';
import { narcotics } from './statements.ts';

/** Where a pharmacy files its statements. */
export const pharmacyPath = '/narcotics';

/**
 * Reminds each pharmacy whose statement of the last due month is missing, once per month: its people
 * (and the agents it gave a narcotics mandate, who file for it) are notified as the account chose.
 * A pharmacy known only to the register (no account in the portal) is recorded, for the dashboard,
 * and left to the cantonal pharmacist's letter.
 */
export async function remindMissing(db: Db, authorityId: string, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const { deadlineDay } = await controlSettings(db, authorityId);
  const month = lastDueMonth(today, deadlineDay);
  const statements = await filedStatements(db, authorityId, [month, previousMonth(month)]);
  let sent = 0;
  for (const missing of missingStatements(statements, month, deadlineDay, today)) {
    const accountId = (
      await narcotics(db)
        .selectFrom('narcotics_statements')
        .select('account_id')
        .where('authority_id', '=', authorityId)
        .where('pharmacy_uid', '=', missing.pharmacyUid)
        .where('account_id', 'is not', null)
        .orderBy('month', 'desc')
        .limit(1)
        .executeTakeFirst()
    )?.account_id;
    sent += await db.transaction().execute(async (tx) => {
      const recorded = await narcotics(tx)
        .insertInto('narcotics_reminders')
        .values({
          authority_id: authorityId,
          pharmacy_uid: missing.pharmacyUid,
          month,
          account_id: accountId ?? null,
        })
        .onConflict((oc) => oc.columns(['authority_id', 'pharmacy_uid', 'month']).doNothing())
        .returning('pharmacy_uid')
        .executeTakeFirst();
      if (!recorded || !accountId) return 0;
      await notify(tx, {
        event: 'statementDue',
        accountId,
        authorityId,
        link: `${pharmacyPath}/${month}`,
        source: `narcotics:${missing.pharmacyUid}:${month}`,
        alsoTell: await agentsFor(tx, accountId, 'narcotics', 'submit', now),
      });
      return 1;
    });
  }
  return sent;
}

/** The reminders sent for a month, by pharmacy UID. */
export async function remindersOf(db: Db, authorityId: string, month: string): Promise<Map<string, Date>> {
  const rows = await narcotics(db)
    .selectFrom('narcotics_reminders')
    .select(['pharmacy_uid', 'sent_at'])
    .where('authority_id', '=', authorityId)
    .where('month', '=', month)
    .execute();
  return new Map(rows.map((r) => [r.pharmacy_uid, r.sent_at]));
}
