import { type Kysely, sql } from 'kysely';

/**
 * The nonces of the SMS gateway's delivery reports already received, kept as long as their timestamp
 * is fresh enough to be believed: a report posted again within that window is refused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table sms_receipt_nonces (
    nonce text primary key,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create index sms_receipt_nonces_expiry on sms_receipt_nonces (expires_at)`.execute(db);
}
