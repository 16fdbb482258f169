import type { Kysely } from 'kysely';

/** A thread an agent starts under a mandate is theirs to follow, as long as the mandate lasts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('message_threads')
    .addColumn('mandate_id', 'uuid')
    .addColumn('agent_person_id', 'uuid')
    .execute();
}
