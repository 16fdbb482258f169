import { type Kysely, sql } from 'kysely';

/**
 * Capturing documents page by page: pages wait here (sealed) until they are made into one PDF; a
 * "continue on your phone" token lets a phone add pages to one field of one draft, kept only as hashes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table form_capture_tokens (
      id uuid primary key default gen_random_uuid(),
      draft_id uuid not null references form_drafts (id) on delete cascade,
      field_id text not null,
      token_hash text not null unique,
      code_hash text unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index form_capture_tokens_draft on form_capture_tokens (draft_id, field_id)`.execute(db);
  await sql`
    create table form_capture_pages (
      id uuid primary key default gen_random_uuid(),
      draft_id uuid not null references form_drafts (id) on delete cascade,
      field_id text not null,
      capture_id uuid references form_capture_tokens (id) on delete cascade,
      position integer not null,
      bytes bytea not null,
      key_id text not null,
      width integer not null,
      height integer not null,
      hints text[] not null default '{}',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index form_capture_pages_field on form_capture_pages (draft_id, field_id, position)`.execute(
    db,
  );
}
