import { type Kysely, sql } from 'kysely';

/**
 * The health professionals' register of the Service de la santé publique (a simulator) — it shares no
 * table with Guichet: its connection (the API key the service gave it, the webhook secret Guichet
 * answered, the token Guichet reads it with), its professionals by GLN and institutions by UID, seeded
 * as a canton's register would be before the portal, and the history of every change written to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table simulator_health_register_settings (
    id integer primary key check (id = 1),
    api_key text not null,
    read_token text not null,
    change_form_id uuid not null,
    authorisation_form_id uuid not null,
    guichet_url text,
    endpoint_id text,
    webhook_secret text
  )`.execute(db);
  await sql`create table simulator_health_professionals (
    gln text primary key,
    avs text unique,
    given_names text not null,
    family_name text not null,
    profession text not null,
    street text not null,
    postcode text not null,
    town text not null,
    phone text,
    email text,
    languages text[] not null default '{}',
    -- Further practice sites, as "street, postcode town".
    sites text[] not null default '{}',
    practice_authorised_on date,
    practice_reference text,
    billing_authorised_on date,
    billing_reference text
  )`.execute(db);
  await sql`create table simulator_health_institutions (
    uid text primary key,
    name text not null,
    kind text not null check (kind in ('hospital', 'pharmacy', 'clinic')),
    street text not null,
    postcode text not null,
    town text not null,
    phone text,
    email text,
    languages text[] not null default '{}',
    sites text[] not null default '{}'
  )`.execute(db);
  await sql`create table simulator_health_register_changes (
    id bigserial primary key,
    -- 'gln:7601…' or 'uid:CHE…': whose entry changed.
    entry text not null,
    item text not null,
    old_value text,
    new_value text,
    request_id uuid,
    reference text,
    changed_at timestamptz not null default now(),
    unique (request_id, item)
  )`.execute(db);
  await sql`create index simulator_health_register_changes_entry on simulator_health_register_changes (entry, changed_at)`.execute(
    db,
  );
  await sql`insert into simulator_health_professionals
    (gln, avs, given_names, family_name, profession, street, postcode, town, phone, email, languages,
     practice_authorised_on, practice_reference, billing_authorised_on, billing_reference) values
    ('7601000123459', '7567788990013', 'Anne', 'Zufferey', 'physician', 'Avenue de la Gare 10', '1950', 'Sion',
     '+41 27 322 10 10', 'cabinet.zufferey@example.ch', '{fr,de}', '2015-04-01', 'SSP-2015-0412', '2015-05-01', 'SSP-2015-0413'),
    ('7601000234568', null, 'Bernard', 'Carron', 'pharmacist', 'Rue du Rhône 21', '1950', 'Sion',
     '+41 27 322 20 20', 'b.carron@example.ch', '{fr}', '2011-09-01', 'SSP-2011-0907', null, null),
    ('7601000345677', null, 'Ursula', 'Kalbermatten', 'midwife', 'Bahnhofstrasse 14', '3900', 'Brig',
     '+41 27 923 30 30', 'hebamme.kalbermatten@example.ch', '{de}', '2019-02-01', 'SSP-2019-0211', '2019-03-01', 'SSP-2019-0212'),
    ('7601000456786', null, 'Luca', 'Mariéthoz', 'physiotherapist', 'Rue des Remparts 3', '3960', 'Sierre',
     '+41 27 455 40 40', 'physio.mariethoz@example.ch', '{fr,it}', '2021-06-01', 'SSP-2021-0633', '2021-06-15', 'SSP-2021-0634')
  `.execute(db);
  await sql`insert into simulator_health_institutions
    (uid, name, kind, street, postcode, town, phone, email, languages) values
    ('CHE123456788', 'Pharmacie du Rhône SA', 'pharmacy', 'Rue du Rhône 21', '1950', 'Sion',
     '+41 27 322 21 21', 'info@pharmacie-du-rhone.example.ch', '{fr,de}'),
    ('CHE111111118', 'Hôpital du Valais', 'hospital', 'Avenue du Grand-Champsec 80', '1951', 'Sion',
     '+41 27 603 40 00', 'info@hopital-vs.example.ch', '{fr,de}'),
    ('CHE222222225', 'Clinique de Valère SA', 'clinic', 'Rue de Lausanne 2', '1950', 'Sion',
     '+41 27 327 10 10', 'info@clinique-valere.example.ch', '{fr}')
  `.execute(db);
}
