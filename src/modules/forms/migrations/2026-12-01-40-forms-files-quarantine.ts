import type { Kysely } from 'kysely';

/**
 * A file the malware scanner could not check yet (configured but down) waits in quarantine: staff
 * cannot open it until the scan job finds it clean; an infected one is emptied.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('form_files').addColumn('quarantined_at', 'timestamptz').execute();
  await db.schema.alterTable('form_files').addColumn('infected_at', 'timestamptz').execute();
}
