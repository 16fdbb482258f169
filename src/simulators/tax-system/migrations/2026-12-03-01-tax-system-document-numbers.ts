import { type Kysely, sql } from 'kysely';

/**
 * Document numbers that say nothing of the taxpayer. They were `<AVS number>-<year>-<kind>`, and a
 * document's number is in Guichet's addresses (`/tax/documents/:id`), hence in its access logs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update simulator_tax_documents
    set id = 'SCC-' || tax_year || '-' || upper(substr(md5(gen_random_uuid()::text), 1, 10))`.execute(db);
}
