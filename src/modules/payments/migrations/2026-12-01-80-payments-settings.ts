import { type Kysely, sql } from 'kysely';

/**
 * Each authority's own payment settings: its provider and merchant (the secrets sealed with the master
 * keys), the creditor its money goes to (IBAN / QR-IBAN, structured address) and its accounting codes.
 * Each payment remembers which provider took it, so that refunds and checks go back to the same one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table payment_settings (
    authority_id uuid primary key references authorities (id),
    provider text not null check (provider in ('datatrans', 'saferpay')),
    merchant jsonb not null,
    merchant_secret text not null,
    creditor jsonb not null,
    accounting_codes jsonb not null default '{}',
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`alter table payments add column provider text`.execute(db);
}
