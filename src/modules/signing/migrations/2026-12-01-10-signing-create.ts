import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signing_local_ca')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id = 'root'`))
    .addColumn('certificate', 'bytea', (c) => c.notNull())
    .addColumn('sealed_private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('seal_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('authority_id', 'uuid', (c) => c.notNull().references('authorities.id'))
    .addColumn('kid', 'text', (c) => c.notNull().unique())
    .addColumn('certificate', 'bytea', (c) => c.notNull())
    .addColumn('sealed_private_key', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('local-ca', 'pkcs12')`))
    .addColumn('not_before', 'timestamptz', (c) => c.notNull())
    .addColumn('not_after', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute();
  // One current seal per authority, even when two instances create it at once.
  await sql`create unique index seal_keys_current on seal_keys (authority_id) where retired_at is null`.execute(
    db,
  );
}
