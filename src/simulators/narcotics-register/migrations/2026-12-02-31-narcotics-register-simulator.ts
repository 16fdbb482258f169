import { type Kysely, sql } from 'kysely';
import { registerPharmacies, registerStatements } from '../register-data.ts';

/**
 * The narcotics register simulator's own data — it shares no table with Guichet: its connection (the
 * API key the health service gave it, the webhook secret Guichet answered), the pharmacies it knows,
 * and each pharmacy's monthly statements, seeded with the months received before the portal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table simulator_narcotics_settings (
    id integer primary key check (id = 1),
    api_key text not null,
    guichet_url text,
    endpoint_id text,
    webhook_secret text,
    history_sent_at timestamptz
  )`.execute(db);
  await sql`create table simulator_narcotics_pharmacies (
    uid text primary key,
    name text not null,
    town text not null
  )`.execute(db);
  await sql`create table simulator_narcotics_statements (
    pharmacy_uid text not null references simulator_narcotics_pharmacies (uid),
    month text not null,
    lines jsonb not null,
    received_from text not null check (received_from in ('paper', 'guichet')),
    guichet_id uuid,
    signed_off_by text,
    received_at timestamptz not null default now(),
    primary key (pharmacy_uid, month)
  )`.execute(db);
  for (const p of registerPharmacies)
    await sql`insert into simulator_narcotics_pharmacies (uid, name, town) values (${p.uid}, ${p.name}, ${p.town})`.execute(
      db,
    );
  for (const s of registerStatements())
    await sql`insert into simulator_narcotics_statements (pharmacy_uid, month, lines, received_from)
      values (${s.uid}, ${s.month}, ${JSON.stringify(s.lines)}::jsonb, 'paper')`.execute(db);
}
