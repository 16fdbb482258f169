import { type Kysely, sql } from 'kysely';

/**
 * Refunds get their own rows, recorded before the provider is asked (by a job, with the row's id as the
 * `Idempotency-Key`), so a crash between asking and recording neither loses a refund nor gives it twice.
 * Refunds made before are carried over from the provider events that recorded them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table payment_refunds (
    id uuid primary key default gen_random_uuid(),
    payment_id uuid not null references payments (id),
    refund_of text not null,
    duplicate boolean not null,
    amount_cents integer not null check (amount_cents > 0),
    refno text not null unique,
    state text not null check (state in ('requested', 'refunded', 'refused', 'unknown')),
    credit_transaction_id text unique,
    requested_by text not null,
    requested_at timestamptz not null default now(),
    first_asked_at timestamptz,
    decided_at timestamptz,
    last_error text
  )`.execute(db);
  await sql`create index payment_refunds_payment on payment_refunds (payment_id)`.execute(db);
  await sql`insert into payment_refunds (payment_id, refund_of, duplicate, amount_cents, refno, state,
      credit_transaction_id, requested_by, requested_at, first_asked_at, decided_at)
    select e.payment_id, e.body->>'refundOf', (e.body->>'refundOf') is distinct from p.provider_transaction_id,
      (e.body->'detail'->'settle'->>'amount')::integer,
      p.refno || '-R' || row_number() over (partition by e.payment_id order by e.id),
      'refunded', e.body->>'transactionId', 'migration', e.at, e.at, e.at
    from payment_events e join payments p on p.id = e.payment_id
    where e.kind = 'refund'`.execute(db);
}
