import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The number of the last catalogue change search must see: one row, so that writers queue on it and
  // the numbers follow the order of their commits (ADR 27).
  await db.schema
    .createTable('catalogue_search_generation')
    .addColumn('one', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`one`))
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into catalogue_search_generation (generation) values (0)`.execute(db);
  // What changed under each number: a service (published, saved, withdrawn), or the synonyms (null).
  await db.schema
    .createTable('catalogue_search_changes')
    .addColumn('generation', 'bigint', (c) => c.primaryKey())
    .addColumn('service_id', 'uuid')
    .execute();
  // Typos and compounds are now found in each instance's own index, from the published texts.
  await db.schema.dropTable('catalogue_words').execute();
}
