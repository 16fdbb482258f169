import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence payment_refno_seq`.execute(db);
  await db.schema
    .createTable('payments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('refno', 'text', (c) =>
      c
        .notNull()
        .unique()
        .defaultTo(
          sql`'GU-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('payment_refno_seq')::text, 7, '0')`,
        ),
    )
    .addColumn('authority_id', 'uuid', (c) => c.notNull().references('authorities.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('purpose', 'jsonb', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'pending', 'paid')`))
    .addColumn('source', 'text', (c) => c.notNull().unique())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('on_settled', 'jsonb')
    .addColumn('provider_transaction_id', 'text', (c) => c.unique())
    .addColumn('last_outcome', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('paid_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('payments_account').on('payments').columns(['account_id', 'status']).execute();
  await db.schema.createIndex('payments_pending').on('payments').columns(['status', 'updated_at']).execute();
  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('payment_id', 'uuid', (c) => c.notNull().references('payments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('provider_status', 'text')
    .addColumn('body', 'jsonb')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('payment_events_payment')
    .on('payment_events')
    .columns(['payment_id', 'id'])
    .execute();
}
