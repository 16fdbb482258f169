import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // All three are trusted extensions: a database owner may create them without being a superuser.
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists fuzzystrmatch`.execute(db);
  // unaccent() is only STABLE; an immutable wrapper lets generated columns and indexes use it.
  await sql`
    create function catalogue_fold(text) returns text
    language sql immutable parallel safe strict
    return lower(public.unaccent('public.unaccent'::regdictionary, $1))`.execute(db);
  // AND and OR over a set of queries, to build a search's query inside one statement.
  await sql`create aggregate catalogue_and_agg(tsquery) (sfunc = tsquery_and, stype = tsquery)`.execute(db);
  await sql`create aggregate catalogue_or_agg(tsquery) (sfunc = tsquery_or, stype = tsquery)`.execute(db);
  for (const [config, dictionary] of [
    ['catalogue_fr', 'french_stem'],
    ['catalogue_de', 'german_stem'],
    ['catalogue_en', 'english_stem'],
  ] as const) {
    const base = dictionary.replace('_stem', '');
    await sql.raw(`create text search configuration ${config} (copy = pg_catalog.${base})`).execute(db);
    await sql
      .raw(
        `alter text search configuration ${config} alter mapping for hword, hword_part, word with unaccent, ${dictionary}`,
      )
      .execute(db);
  }

  await db.schema
    .createTable('catalogue_services')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn('authority_id', 'uuid', (c) => c.notNull().references('authorities.id'))
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`state in ('draft', 'published', 'withdrawn')`),
    )
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Every save is a new version; versions are never changed, so a request can name the one it used.
  await db.schema
    .createTable('catalogue_service_versions')
    .addColumn('service_id', 'uuid', (c) =>
      c.notNull().references('catalogue_services.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('catalogue_service_versions_pk', ['service_id', 'version'])
    .execute();

  // What search reads: the published text of each service, one row per service, kept by publish/withdraw.
  await db.schema
    .createTable('catalogue_search')
    .addColumn('service_id', 'uuid', (c) =>
      c.primaryKey().references('catalogue_services.id').onDelete('cascade'),
    )
    .addColumn('authority_id', 'uuid', (c) => c.notNull())
    .addColumn('communal', 'boolean', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`create index catalogue_search_document on catalogue_search using gin (document)`.execute(db);

  // Every folded word of the published catalogue: where misspelt query words find their right spelling
  // and where a word finds the compounds that start with it.
  await db.schema
    .createTable('catalogue_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .execute();
  await sql`create index catalogue_words_trgm on catalogue_words using gin (word gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable('catalogue_synonyms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('terms', sql`text[]`, (c) => c.notNull().check(sql`cardinality(terms) >= 2`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index catalogue_synonyms_terms on catalogue_synonyms using gin (terms)`.execute(db);
}
