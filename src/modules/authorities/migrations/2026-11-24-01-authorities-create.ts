import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('authorities')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('canton', 'cantonal_service', 'commune')`),
    )
    .addColumn('parent_id', 'uuid', (c) => c.references('authorities.id'))
    .addColumn('names', 'jsonb', (c) => c.notNull().check(sql`names ? 'fr'`))
    .addColumn('languages', sql`text[]`, (c) => c.notNull().check(sql`cardinality(languages) > 0`))
    .addColumn('logo', 'text')
    .addColumn('primary_colour', 'text', (c) => c.notNull().check(sql`primary_colour ~ '^#[0-9a-f]{6}$'`))
    .addColumn('primary_text_colour', 'text', (c) =>
      c.notNull().check(sql`primary_text_colour ~ '^#[0-9a-f]{6}$'`),
    )
    .addColumn('accent_colour', 'text', (c) => c.notNull().check(sql`accent_colour ~ '^#[0-9a-f]{6}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Exactly one canton: the portal's root.
  await sql`create unique index authorities_one_canton on authorities ((true)) where kind = 'canton'`.execute(
    db,
  );
}
