import { type Kysely, sql } from 'kysely';

/**
 * The requests a person filled (for themselves, an organisation or under a mandate), per authority:
 * the inbox's search by the filler's name finds them by index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index cases_person_authority on cases (person_id, authority_id)`.execute(db);
}
