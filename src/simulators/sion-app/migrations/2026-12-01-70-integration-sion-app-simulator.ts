import { type Kysely, sql } from 'kysely';

/**
 * The sample integrated application's own data (it shares no table with Guichet): the OpenID client
 * Sion's IT registered for it, the logins under way and the sessions of the people signed in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table simulator_sion_app_settings (
    id integer primary key check (id = 1),
    guichet_url text not null,
    client_id text not null,
    client_secret text not null
  )`.execute(db);
  await sql`create table simulator_sion_app_sessions (
    id text primary key,
    -- A login under way (state, nonce, PKCE verifier), then the person's claims once signed in.
    pending jsonb,
    claims jsonb,
    created_at timestamptz not null default now()
  )`.execute(db);
}
