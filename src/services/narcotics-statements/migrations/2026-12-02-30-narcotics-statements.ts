import { type Kysely, sql } from 'kysely';

/**
 * Pharmacies' monthly narcotics statements: one per pharmacy (UID) and month for the receiving
 * authority, its lines kept as one JSON document (a month is read and written whole); the pharmacy's
 * responsible pharmacist; the controls' settings; the reminders sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table narcotics_statements (
    id uuid primary key default gen_random_uuid(),
    authority_id uuid not null,
    pharmacy_uid text not null,
    pharmacy_name text not null,
    account_id uuid,
    month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    status text not null check (status in ('draft', 'awaitingSignOff', 'filed')),
    rows jsonb not null default '[]',
    source text not null check (source in ('portal', 'register')),
    prepared_by uuid,
    signed_off_by uuid,
    signed_off_name text,
    filed_at timestamptz,
    updated_at timestamptz not null default now(),
    unique (authority_id, pharmacy_uid, month)
  )`.execute(db);
  await sql`create index narcotics_statements_month on narcotics_statements (authority_id, month) where status = 'filed'`.execute(
    db,
  );
  await sql`create table narcotics_pharmacies (
    account_id uuid primary key,
    responsible_person_id uuid not null,
    named_by uuid not null,
    named_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table narcotics_settings (
    authority_id uuid primary key,
    dose_jump_percent integer not null check (dose_jump_percent between 1 and 1000),
    deadline_day integer not null check (deadline_day between 1 and 28)
  )`.execute(db);
  await sql`create table narcotics_reminders (
    authority_id uuid not null,
    pharmacy_uid text not null,
    month text not null,
    account_id uuid,
    sent_at timestamptz not null default now(),
    primary key (authority_id, pharmacy_uid, month)
  )`.execute(db);
}
