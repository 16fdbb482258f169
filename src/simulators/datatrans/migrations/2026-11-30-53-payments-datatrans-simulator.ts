import { type Kysely, sql } from 'kysely';

/**
 * The Datatrans simulator's transactions and idempotent answers, in the database rather than one
 * process's memory, so that every instance of a demo knows them. Unused where the simulator is not
 * served (`DATATRANS_*` set to the real provider).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table simulator_datatrans_transactions (
    transaction_id text primary key,
    data jsonb not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table simulator_datatrans_answers (
    slot text primary key,
    request text not null,
    answer jsonb,
    at timestamptz not null default now()
  )`.execute(db);
}
