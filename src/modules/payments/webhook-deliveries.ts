import { sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { webhookFreshnessMs } from './datatrans.ts';
import type { PaymentsTables } from './tables.ts';

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/**
 * How long a delivery may be in hand before it is believed lost (the process crashed between taking
 * it and applying it): applying a transaction takes well under a second.
 */
const inHandMs = 60_000;

/**
 * Remembers a webhook's signature for as long as its timestamp would be believed: false when it was
 * received before (a replay) — unless that earlier delivery was never processed and is no longer in
 * hand, so that the provider's resend after a crash is processed. Signatures whose timestamp went
 * stale are forgotten on the way, since a replay of them is refused as stale anyway.
 */
export async function firstDelivery(db: Db, signature: string, signedAt: Date, now: Date): Promise<boolean> {
  await tables(db).deleteFrom('payment_webhook_signatures').where('expires_at', '<', now).execute();
  const taken = await tables(db)
    .insertInto('payment_webhook_signatures')
    .values({ signature, expires_at: new Date(signedAt.getTime() + webhookFreshnessMs), received_at: now })
    .onConflict((oc) =>
      oc
        .column('signature')
        .doUpdateSet({ received_at: now })
        .where('payment_webhook_signatures.processed_at', 'is', null)
        .where('payment_webhook_signatures.received_at', '<', new Date(now.getTime() - inHandMs)),
    )
    .returning('signature')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Marks a delivery done: from now on the same signature is a replay. */
export async function processedDelivery(db: Db, signature: string): Promise<void> {
  await tables(db)
    .updateTable('payment_webhook_signatures')
    .set({ processed_at: sql`now()` })
    .where('signature', '=', signature)
    .execute();
}

/** Forgets a signature whose webhook could not be processed, so the provider's next try is. */
export async function forgetDelivery(db: Db, signature: string): Promise<void> {
  await tables(db).deleteFrom('payment_webhook_signatures').where('signature', '=', signature).execute();
}
