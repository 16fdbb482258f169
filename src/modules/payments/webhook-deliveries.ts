import { type Db, tablesOf } from '../../platform/database/database.ts';
import { webhookFreshnessMs } from './datatrans.ts';
import type { PaymentsTables } from './tables.ts';

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/**
 * Remembers a webhook's signature for as long as its timestamp would be believed: false when it was
 * received before (a replay). Signatures whose timestamp went stale are forgotten on the way, since a
 * replay of them is refused as stale anyway.
 */
export async function firstDelivery(db: Db, signature: string, signedAt: Date, now: Date): Promise<boolean> {
  await tables(db).deleteFrom('payment_webhook_signatures').where('expires_at', '<', now).execute();
  const kept = await tables(db)
    .insertInto('payment_webhook_signatures')
    .values({ signature, expires_at: new Date(signedAt.getTime() + webhookFreshnessMs) })
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature')
    .executeTakeFirst();
  return kept !== undefined;
}

/** Forgets a signature whose webhook could not be processed, so the provider's next try is. */
export async function forgetDelivery(db: Db, signature: string): Promise<void> {
  await tables(db).deleteFrom('payment_webhook_signatures').where('signature', '=', signature).execute();
}
