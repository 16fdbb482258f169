import type { Kysely } from 'kysely';

/** Files attached to answers are sealed with a master key from now on; `key_id` names it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('form_files').addColumn('key_id', 'text').execute();
}
