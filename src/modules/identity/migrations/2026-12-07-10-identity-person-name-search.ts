import { type Kysely, sql } from 'kysely';

/**
 * Staff find a request by its requester's name (`personsNamedSql`): `ilike '%…%'` on the name through
 * trigrams, instead of reading every person of the canton.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index persons_name_trgm on persons
    using gin ((given_names || ' ' || family_name) gin_trgm_ops)`.execute(db);
}
