import type { Kysely } from 'kysely';

/** A person the operator has disabled logs in no more, and their open sessions stop counting at once. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('persons').addColumn('disabled_at', 'timestamptz').execute();
}
