import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('support_faq')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('service_slug', 'text')
    .addColumn('question', 'jsonb', (c) => c.notNull())
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('support_tickets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('question', 'feedback')`))
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('new').check(sql`state in ('new', 'open', 'waitingRequester', 'closed')`),
    )
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`length(subject) between 1 and 200`))
    .addColumn('page', 'text', (c) => c.check(sql`length(page) <= 2000`))
    .addColumn('service_slug', 'text')
    .addColumn('request_reference', 'text', (c) => c.check(sql`length(request_reference) <= 40`))
    .addColumn('browser', 'text', (c) => c.check(sql`length(browser) <= 500`))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('requester_person_id', 'uuid')
    .addColumn('requester_account_id', 'uuid')
    .addColumn('requester_email', 'text')
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('handler_authority_id', 'uuid', (c) => c.notNull())
    .addColumn('desk_authority_id', 'uuid', (c) => c.notNull())
    .addColumn('assignee_person_id', 'uuid')
    .addColumn('assignee_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'support_tickets_reachable',
      sql`requester_person_id is not null or requester_email is not null`,
    )
    .execute();
  await db.schema
    .createIndex('support_tickets_handler')
    .on('support_tickets')
    .columns(['handler_authority_id', 'state', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('support_tickets_requester')
    .on('support_tickets')
    .column('requester_person_id')
    .execute();
  await db.schema
    .createTable('support_replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('support_tickets.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) =>
      c.notNull().check(sql`side in ('requester', 'support', 'authority', 'note')`),
    )
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 5000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('support_replies_ticket')
    .on('support_replies')
    .columns(['ticket_id', 'created_at'])
    .execute();
}
