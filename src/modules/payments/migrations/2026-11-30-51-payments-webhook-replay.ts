import { type Kysely, sql } from 'kysely';

/**
 * The signatures of the provider's webhooks already received, kept as long as their timestamp is
 * fresh enough to be believed: a webhook posted again within that window is refused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table payment_webhook_signatures (
    signature text primary key,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create index payment_webhook_signatures_expiry on payment_webhook_signatures (expires_at)`.execute(
    db,
  );
}
