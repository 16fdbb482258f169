import { type Kysely, sql } from 'kysely';

/** Money given back: how much of the fee, and a payment wholly given back is `refunded`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('payments')
    .addColumn('refunded_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`alter table payments drop constraint payments_status_check`.execute(db);
  await sql`alter table payments add constraint payments_status_check
    check (status in ('open', 'pending', 'paid', 'refunded'))`.execute(db);
}
