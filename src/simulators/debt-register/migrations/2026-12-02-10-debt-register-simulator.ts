import { type Kysely, sql } from 'kysely';

/**
 * The Office des poursuites' register (a simulator): its connection to Guichet, the debtors it knows
 * — by AVS number or UID when known, older entries by name and birth date only, as real registers
 * hold them — their proceedings, and the extracts it answered. It shares no table with Guichet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table simulator_debt_settings (
    id integer primary key check (id = 1),
    api_key text not null,
    form_id uuid not null,
    guichet_url text,
    endpoint_id text,
    webhook_secret text
  )`.execute(db);
  await sql`create table simulator_debt_debtors (
    id serial primary key,
    avs text,
    uid text,
    name text not null,
    -- ISO dates as the register exports them.
    date_of_birth text,
    town text not null
  )`.execute(db);
  await sql`create table simulator_debt_proceedings (
    number text primary key,
    debtor_id integer not null references simulator_debt_debtors (id),
    creditor text not null,
    amount_cents integer not null,
    started_on text not null,
    stage text not null check (stage in ('payment_order', 'opposition', 'seizure', 'paid', 'loss_certificate'))
  )`.execute(db);
  await sql`create table simulator_debt_extracts (
    request_id uuid primary key,
    reference text not null,
    outcome text not null check (outcome in ('clear', 'entries', 'ambiguous')),
    serial text,
    answered_at timestamptz not null default now()
  )`.execute(db);
  // Thomas Imboden and Imboden Bau AG by number; a Marc Darbellay of Monthey entered before AVS numbers
  // were recorded (a homonym of the Martigny one); Sophie Rochat and Pharmacie du Rhône SA are unknown.
  await sql`insert into simulator_debt_debtors (id, avs, uid, name, date_of_birth, town) values
    (1, '7562345678908', null, 'Thomas Imboden', '1976-07-02', 'Brig'),
    (2, null, 'CHE345678915', 'Imboden Bau AG', null, 'Brig-Glis'),
    (3, null, null, 'Marc Darbellay', null, 'Monthey'),
    (4, null, null, 'Jean-Pierre Favre', '1958-02-19', 'Sierre')`.execute(db);
  await sql`select setval('simulator_debt_debtors_id_seq', 4)`.execute(db);
  await sql`insert into simulator_debt_proceedings (number, debtor_id, creditor, amount_cents, started_on, stage) values
    ('21-2024-004512', 1, 'Krankenkasse Visana AG', 184550, '2024-09-16', 'paid'),
    ('21-2025-001877', 1, 'Garage Oberwallis GmbH', 642000, '2025-04-03', 'opposition'),
    ('21-2025-003020', 2, 'Holzbau Lötschental AG', 1890000, '2025-08-21', 'seizure'),
    ('23-2023-000918', 3, 'Banque Cantonale du Valais', 320000, '2023-11-07', 'loss_certificate'),
    ('24-2022-007731', 4, 'Commune de Sierre', 45000, '2022-05-30', 'paid')`.execute(db);
}
