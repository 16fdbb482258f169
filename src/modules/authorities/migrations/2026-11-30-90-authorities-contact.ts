import type { Kysely } from 'kysely';

/** Address, phone, e-mail and opening hours: where a service that is not online sends people. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('authorities').addColumn('contact', 'jsonb').execute();
}
