import { type Kysely, sql } from 'kysely';

/** A submission's receipt is an issued document (sealed, with a QR code) in the account's documents. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table form_submissions add column receipt_document_id uuid`.execute(db);
}
