import { type Kysely, sql } from 'kysely';

/**
 * A webhook's signature is remembered when it arrives and marked once its transaction is applied:
 * one whose processing never finished (a crash in between) is taken again when the provider resends it.
 * Signatures remembered before this were processed (or forgotten on failure).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table payment_webhook_signatures
    add column received_at timestamptz not null default now(),
    add column processed_at timestamptz`.execute(db);
  await sql`update payment_webhook_signatures set processed_at = received_at`.execute(db);
}
