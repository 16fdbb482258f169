import { type Db, tablesOf } from '../../platform/database/database.ts';
import { deliveryReportFreshnessMs } from '../../platform/sms/sms-gateway.ts';
import type { NotificationsTables } from './tables.ts';

const tables = (db: Db) => tablesOf<NotificationsTables>(db);

/**
 * Remembers a delivery report's nonce for as long as its timestamp would be believed: false when it was
 * received before (a replay). Nonces whose timestamp went stale are forgotten on the way, since a replay
 * of them is refused as stale anyway.
 */
export async function firstReport(db: Db, nonce: string, signedAt: Date, now: Date): Promise<boolean> {
  await tables(db).deleteFrom('sms_receipt_nonces').where('expires_at', '<', now).execute();
  const kept = await tables(db)
    .insertInto('sms_receipt_nonces')
    .values({ nonce, expires_at: new Date(signedAt.getTime() + deliveryReportFreshnessMs) })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('nonce')
    .executeTakeFirst();
  return kept !== undefined;
}

/** Forgets a nonce whose report could not be recorded, so the gateway's next try is. */
export async function forgetReport(db: Db, nonce: string): Promise<void> {
  await tables(db).deleteFrom('sms_receipt_nonces').where('nonce', '=', nonce).execute();
}
