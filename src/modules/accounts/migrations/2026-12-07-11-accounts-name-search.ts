import { type Kysely, sql } from 'kysely';

/** Staff find a request by the name of the account it was made for (`accountsNamedSql`), through trigrams. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index accounts_name_trgm on accounts using gin (name gin_trgm_ops)`.execute(db);
}
