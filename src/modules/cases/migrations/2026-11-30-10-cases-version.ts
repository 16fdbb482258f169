import { type Kysely, sql } from 'kysely';

/**
 * Each status change counts one more version: a clerk's decision names the version they saw, so a
 * request moved away and back meanwhile is still seen as changed. A constant default adds the
 * column without rewriting the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases add column version integer not null default 0`.execute(db);
}
