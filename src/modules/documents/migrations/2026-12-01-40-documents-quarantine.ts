import type { Kysely } from 'kysely';

/**
 * A document the malware scanner could not check yet (configured but down) waits in quarantine: no
 * list or link shows it, to staff or citizens, until the scan job finds it clean.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('quarantined_at', 'timestamptz').execute();
}
