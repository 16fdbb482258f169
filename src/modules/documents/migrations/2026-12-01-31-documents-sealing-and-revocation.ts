import { type Kysely, sql } from 'kysely';

/**
 * A document Guichet issues is published at once (with the act that issues it) and sealed by a job
 * moments later: until then it is listed but not handed out. Its issuer may later revoke it; the
 * holder sees that on the document.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents
    add column awaiting_seal boolean not null default false,
    add column revoked_at timestamptz,
    add column revocation_reason text,
    add constraint documents_revocation_reasoned check (revoked_at is null or revocation_reason is not null)`.execute(
    db,
  );
}
