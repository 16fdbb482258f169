import { type Kysely, sql } from 'kysely';

/**
 * `reference`: what people read and quote for a payment (a request's reference), the provider's refno
 * staying technical; `reason`: why staff gave money back, asked before every refund.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table payments add column reference text`.execute(db);
  await sql`alter table payment_refunds add column reason text`.execute(db);
}
