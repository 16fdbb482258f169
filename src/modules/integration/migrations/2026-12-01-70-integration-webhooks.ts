import { type Kysely, sql } from 'kysely';

/**
 * Standard Webhooks: the endpoints an authority subscribes, each event once (its exact body, so that
 * every attempt sends the same bytes), one delivery per event and endpoint, and every attempt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_endpoints (
      id uuid primary key default gen_random_uuid(),
      authority_id uuid not null references authorities(id),
      url text not null,
      description text not null default '',
      events text[] not null,
      -- Only requests of these forms (services); null: all of the authority's.
      form_ids uuid[],
      -- What the signing secret is derived from (with the platform's webhooks key); never stored.
      secret_label text not null,
      -- Endpoints moved from a workflow keep the secret their receiver knows (a hex text as key).
      legacy_hex_secret boolean not null default false,
      created_at timestamptz not null default now(),
      failing_since timestamptz,
      disabled_at timestamptz,
      disabled_reason text
    )`.execute(db);
  await sql`create index webhook_endpoints_authority on webhook_endpoints (authority_id)`.execute(db);
  await sql`
    create table webhook_events (
      id text primary key,
      -- Null: an event for every authority (a mandate ended).
      authority_id uuid references authorities(id),
      type text not null,
      subject text,
      body text not null,
      occurred_at timestamptz not null
    )`.execute(db);
  await sql`create index webhook_events_subject on webhook_events (subject) where subject is not null`.execute(
    db,
  );
  await sql`
    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      event_id text not null references webhook_events(id),
      endpoint_id uuid not null references webhook_endpoints(id),
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      unique (event_id, endpoint_id)
    )`.execute(db);
  await sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`.execute(
    db,
  );
  await sql`create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at)`.execute(
    db,
  );
  await sql`
    create table webhook_attempts (
      id uuid primary key default gen_random_uuid(),
      delivery_id uuid not null references webhook_deliveries(id),
      attempt integer not null,
      trigger text not null check (trigger in ('scheduled', 'replay')),
      at timestamptz not null,
      status_code integer,
      error text,
      duration_ms integer not null
    )`.execute(db);
  await sql`create index webhook_attempts_delivery on webhook_attempts (delivery_id, at)`.execute(db);
}
