import type { Kysely } from 'kysely';

/** The mandate theme of the service a form serves, so that representatives act only within it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('forms').addColumn('theme', 'text').execute();
}
