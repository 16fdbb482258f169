import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('message_threads')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('authority_id', 'uuid', (c) => c.notNull().references('authorities.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`length(subject) between 1 and 200`))
    .addColumn('assignee_person_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('citizen_read_at', 'timestamptz')
    .addColumn('authority_read_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('message_threads_account')
    .on('message_threads')
    .columns(['account_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('message_threads_authority')
    .on('message_threads')
    .columns(['authority_id', 'updated_at'])
    .execute();
  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('thread_id', 'uuid', (c) => c.notNull().references('message_threads.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('citizen', 'authority')`))
    .addColumn('author_person_id', 'uuid', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 5000`))
    // An attachment is a document of the account's document space, encrypted like any other.
    .addColumn('document_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('messages_thread')
    .on('messages')
    .columns(['thread_id', 'created_at'])
    .execute();
}
