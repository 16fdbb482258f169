import { type Kysely, sql } from 'kysely';

/**
 * The Saferpay simulator's payment pages (by token), transactions (by id) and answers to requests (by
 * customer and request id, for retries), in the database so that every instance of a demo shares them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table simulator_saferpay_pages (
    token text primary key,
    customer_id text not null,
    data jsonb not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table simulator_saferpay_transactions (
    id text primary key,
    customer_id text not null,
    capture_id text unique,
    data jsonb not null
  )`.execute(db);
  await sql`create table simulator_saferpay_requests (
    slot text primary key,
    request text not null,
    answer jsonb,
    at timestamptz not null default now()
  )`.execute(db);
}
