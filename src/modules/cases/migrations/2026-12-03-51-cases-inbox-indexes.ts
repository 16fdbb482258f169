import { type Kysely, sql } from 'kysely';

/**
 * What the inbox waits on, found by index rather than by reading all of an authority's requests: its
 * pages in each order (newest or oldest, soonest due; the id breaks ties for keyset paging), the
 * overdue ones per status, the queues "assigned to me" and "unassigned", and the search in references and answers (trigrams, so that `ilike '%…%'`
 * need not read every row). Built inside the migration's transaction: Kysely's migrator runs each
 * migration in one, where `concurrently` is refused; a few hundred thousand rows take seconds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index cases_authority_created on cases (authority_id, created_at, id)`.execute(db);
  await sql`create index cases_authority_due on cases (authority_id, due_at, id)`.execute(db);
  await sql`create index cases_authority_status_due on cases (authority_id, status, due_at)`.execute(db);
  await sql`create index cases_authority_assignee on cases (authority_id, assignee_person_id, status)`.execute(
    db,
  );
  await sql`create index cases_reference_trgm on cases using gin (reference gin_trgm_ops)`.execute(db);
  await sql`create index cases_answers_trgm on cases using gin ((answers::text) gin_trgm_ops)`.execute(db);
}
