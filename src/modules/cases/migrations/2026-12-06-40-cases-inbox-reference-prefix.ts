import { type Kysely, sql } from 'kysely';

/**
 * The inbox's search shorter than three characters has no trigram to look up: it finds the references
 * that begin with it, per authority, through this btree (`text_pattern_ops`, so that `like 'ab%'` is a
 * range of the index whatever the database's collation). Built inside the migration's transaction, as
 * the other inbox indexes are (`2026-12-03-51-cases-inbox-indexes`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index cases_authority_reference on cases (authority_id, reference text_pattern_ops)`.execute(
    db,
  );
}
