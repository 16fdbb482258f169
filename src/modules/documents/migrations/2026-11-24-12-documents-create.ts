import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('authority_id', 'uuid', (c) => c.notNull().references('authorities.id'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('message', 'text', (c) => c.check(sql`length(message) <= 1000`))
    .addColumn('request_id', 'uuid')
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'bytea')
    .addColumn('key_id', 'text')
    .addColumn('issued_on', 'date', (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn('retain_until', 'date', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('first_read_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    // A retried publication (same authority, same key) finds the first one instead of a twin.
    .addUniqueConstraint('documents_idempotency', ['authority_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('documents_account')
    .on('documents')
    .columns(['account_id', 'created_at'])
    .execute();
  await sql`create index documents_unread on documents (created_at) where first_read_at is null and deleted_at is null`.execute(
    db,
  );
  await sql`create index documents_key on documents (key_id) where wrapped_key is not null`.execute(db);

  await db.schema
    .createTable('document_blobs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('document_postal_fallbacks')
    .addColumn('document_id', 'uuid', (c) => c.primaryKey().references('documents.id'))
    .addColumn('authority_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('done_at', 'timestamptz')
    .addColumn('done_by', 'text')
    .execute();
}
