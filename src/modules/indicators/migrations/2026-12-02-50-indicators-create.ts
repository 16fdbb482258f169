import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('indicator_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('event_id', 'text', (c) => c.unique())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('authority_id', 'uuid', (c) => c.notNull())
    .addColumn('form_id', 'uuid')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('page_viewed', 'form_started', 'step_reached', 'form_completed', 'submitted', 'decided', 'ended', 'paid', 'document_opened')`,
        ),
    )
    .addColumn('link', 'text')
    .addColumn('step', 'integer')
    .addColumn('channel', 'text', (c) => c.check(sql`channel in ('online', 'staff')`))
    .addColumn('seconds', 'integer')
    .addColumn('due_at', 'timestamptz')
    .addColumn('amount_cents', 'bigint')
    .execute();
  await db.schema
    .createIndex('indicator_events_authority')
    .on('indicator_events')
    .columns(['authority_id', 'occurred_at'])
    .execute();
  // A journey's step, a request's submission or decision is counted once, however often it is shown.
  await sql`create unique index indicator_events_once on indicator_events (link, kind, coalesce(step, 0))
    where link is not null`.execute(db);
  await db.schema
    .createTable('satisfaction_answers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('link', 'text', (c) => c.notNull().unique())
    .addColumn('authority_id', 'uuid', (c) => c.notNull())
    .addColumn('form_id', 'uuid', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull().check(sql`rating between 1 and 5`))
    .addColumn('comment', 'text', (c) => c.check(sql`length(comment) <= 1000`))
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('satisfaction_answers_authority')
    .on('satisfaction_answers')
    .columns(['authority_id', 'answered_at'])
    .execute();
}
