import { type Kysely, sql } from 'kysely';

/** The reference of the request a notification is about: it names it, never says its content. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications add column reference text`.execute(db);
}
