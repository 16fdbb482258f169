import { type Kysely, sql } from 'kysely';

/**
 * A document whose layout belongs to the module that issues it (a QR-bill's payment part follows the
 * Swiss guidelines, not Guichet's letter layout): its layout's name and data, drawn again to seal it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table issued_documents add column layout jsonb`.execute(db);
}
