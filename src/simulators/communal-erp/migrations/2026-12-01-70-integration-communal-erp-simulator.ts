import { type Kysely, sql } from 'kysely';

/**
 * The communal ERP simulator's own data — it shares no table with Guichet: its connection (the API
 * key Sion's IT gave it, the webhook secret Guichet answered), and its dog register, seeded with the
 * dogs registered before the portal, so that tag numbers go on from the last one given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table simulator_erp_settings (
    id integer primary key check (id = 1),
    api_key text not null,
    form_id uuid not null,
    guichet_url text,
    endpoint_id text,
    webhook_secret text
  )`.execute(db);
  await sql`create table simulator_erp_dogs (
    tag text primary key,
    dog_name text not null,
    keeper text not null,
    request_id uuid,
    -- Which dog of the request (a request may register several).
    position integer,
    reference text,
    registered_at timestamptz not null default now(),
    answered_at timestamptz,
    unique (request_id, position)
  )`.execute(db);
  await sql`insert into simulator_erp_dogs (tag, dog_name, keeper, registered_at) values
    ('SION-2026-0001', 'Bella', 'Fam. Zufferey', '2026-01-12'),
    ('SION-2026-0002', 'Rex', 'M. Bonvin', '2026-03-02'),
    ('SION-2026-0003', 'Nala', 'Mme Métrailler', '2026-06-21')`.execute(db);
}
