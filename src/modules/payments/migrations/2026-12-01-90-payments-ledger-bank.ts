import { type Kysely, sql } from 'kysely';

/**
 * The money ledger (append-only like the audit trail: the platform's `audit_append_only` trigger
 * refuses UPDATE, DELETE and TRUNCATE), the QR-bills sent for fees (their reference is how a bank
 * credit finds its fee), and the credits imported from camt.054 notifications, once per bank entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table payment_ledger (
    id bigint generated always as identity primary key,
    authority_id uuid not null references authorities (id),
    payment_id uuid references payments (id),
    kind text not null check (kind in
      ('asked', 'paid', 'failed', 'refunded', 'transferred', 'written_off', 'cancelled')),
    amount_cents integer not null check (amount_cents >= 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    provider text,
    method text,
    event_key text not null unique,
    details jsonb not null default '{}'::jsonb,
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index payment_ledger_authority_at on payment_ledger (authority_id, at)`.execute(db);
  await sql`create index payment_ledger_payment on payment_ledger (payment_id)`.execute(db);
  await sql`create trigger payment_ledger_no_change before update or delete on payment_ledger
    for each row execute function audit_append_only()`.execute(db);
  await sql`create trigger payment_ledger_no_truncate before truncate on payment_ledger
    for each statement execute function audit_append_only()`.execute(db);

  await sql`create sequence payment_bank_reference_seq`.execute(db);
  await sql`create table payment_bank_slips (
    payment_id uuid primary key references payments (id),
    authority_id uuid not null references authorities (id),
    reference text not null unique,
    reference_type text not null check (reference_type in ('QRR', 'SCOR')),
    creditor_account text not null,
    document_id uuid,
    sent_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);

  await sql`create table payment_bank_credits (
    id uuid primary key default gen_random_uuid(),
    authority_id uuid references authorities (id),
    creditor_account text not null,
    entry_key text not null,
    message_id text,
    booking_date date,
    value_date date,
    amount_cents integer not null check (amount_cents > 0),
    currency text not null,
    debtor_name text,
    debtor_account text,
    reference text,
    reference_type text,
    remittance text,
    payment_id uuid references payments (id),
    outcome text not null check (outcome in ('settled', 'partial', 'excess', 'unmatched')),
    applied_cents integer not null check (applied_cents >= 0),
    resolution text check (resolution in ('settled', 'written_off')),
    resolved_by text,
    resolved_at timestamptz,
    imported_at timestamptz not null default now(),
    unique (creditor_account, entry_key)
  )`.execute(db);
  await sql`create index payment_bank_credits_authority on payment_bank_credits (authority_id, imported_at)`.execute(
    db,
  );
  await sql`create index payment_bank_credits_payment on payment_bank_credits (payment_id)`.execute(db);
}
