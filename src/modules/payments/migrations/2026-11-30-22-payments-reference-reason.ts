import { type Kysely, sql } from 'kysely';

/**
 * `reference`: what people read and quote for a payment (a request's reference), the provider's refno
 * staying technical. `payment_refund_reasons`: why staff gave money back, asked before every refund —
 * a table of its own because `payment_refunds` is created by a migration that sorts after this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table payments add column reference text`.execute(db);
  await sql`create table payment_refund_reasons (
    refund_id uuid primary key,
    reason text not null check (length(reason) between 1 and 1000)
  )`.execute(db);
}
