import type { Kysely } from 'kysely';

/** The mandate theme of what a fee is for: a representative with the right to pay in it may pay it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('payments').addColumn('theme', 'text').execute();
}
