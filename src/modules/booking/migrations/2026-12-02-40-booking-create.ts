import { type Kysely, sql } from 'kysely';

/**
 * Bookable resources (rooms, halls, equipment) per authority, their closures and their bookings. No
 * two live bookings of one resource overlap: an exclusion constraint on the booked time range decides
 * it in the database, so twenty people clicking the same slot at once get one booking between them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Trusted extension (a database owner may create it): lets a GiST index compare the resource's uuid.
  await sql`create extension if not exists btree_gist`.execute(db);
  await sql`
    create table booking_resources (
      id uuid primary key default gen_random_uuid(),
      authority_id uuid not null references authorities(id),
      kind text not null check (kind in ('room', 'hall', 'equipment')),
      name jsonb not null,
      description jsonb,
      capacity integer not null check (capacity > 0),
      -- [{ "weekday": 1..7 (Monday 1), "from": "08:00", "to": "22:00" }], in the canton's time.
      opening_hours jsonb not null,
      slot_minutes integer not null check (slot_minutes between 15 and 1440),
      price_resident_cents integer not null check (price_resident_cents >= 0),
      price_other_cents integer not null check (price_other_cents >= 0),
      -- Postcodes whose people pay the resident's price.
      resident_postcodes text[] not null default '{}',
      min_notice_hours integer not null default 0 check (min_notice_hours >= 0),
      max_duration_minutes integer not null check (max_duration_minutes > 0),
      -- Cancelled at least this long before it starts, a booking is refunded in full; later, not at all.
      free_cancellation_hours integer not null default 48 check (free_cancellation_hours >= 0),
      needs_approval boolean not null default false,
      hold_minutes integer not null default 20 check (hold_minutes > 0),
      published boolean not null default true,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index booking_resources_authority on booking_resources (authority_id)`.execute(db);
  await sql`
    create table booking_closures (
      id uuid primary key default gen_random_uuid(),
      resource_id uuid not null references booking_resources(id),
      during tstzrange not null check (not isempty(during)),
      reason text not null default '',
      -- The UID of the iCalendar event it was imported from: importing again updates, never duplicates.
      ical_uid text,
      unique (resource_id, ical_uid)
    )`.execute(db);
  await sql`create index booking_closures_during on booking_closures using gist (resource_id, during)`.execute(
    db,
  );
  await sql`
    create table bookings (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      resource_id uuid not null references booking_resources(id),
      authority_id uuid not null references authorities(id),
      -- A block by staff has no account.
      account_id uuid references accounts(id),
      person_id uuid,
      kind text not null check (kind in ('booking', 'block')),
      status text not null check (status in ('held', 'requested', 'confirmed', 'cancelled', 'refused', 'expired')),
      during tstzrange not null check (not isempty(during)),
      attendees integer not null default 1,
      purpose text not null default '',
      contact_name text not null default '',
      postcode text not null default '',
      resident boolean not null default false,
      price_cents integer not null default 0,
      payment_id uuid,
      hold_until timestamptz,
      document_id uuid,
      reminded_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      exclude using gist (resource_id with =, during with &&)
        where (status in ('held', 'requested', 'confirmed'))
    )`.execute(db);
  await sql`create index bookings_account on bookings (account_id) where account_id is not null`.execute(db);
  await sql`create index bookings_held on bookings (hold_until) where status = 'held'`.execute(db);
}
