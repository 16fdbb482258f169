import { type Kysely, sql } from 'kysely';

/** The issuance register (serial, type, issuer, subject, hashes, status), append-only but for sealing and revocation. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('issued_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('authority_id', 'uuid', (c) => c.notNull().references('authorities.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) =>
      c.notNull().check(sql`subject_kind in ('person', 'organisation')`),
    )
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('qr_payload', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.unique())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz')
    .addColumn('sealed_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_reason', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('request_id', 'uuid')
    .addColumn('document_id', 'uuid', (c) => c.notNull().unique())
    .addCheckConstraint(
      'issued_revocation_reasoned',
      sql`revoked_at is null or revocation_reason is not null`,
    )
    .execute();
  await db.schema
    .createIndex('issued_documents_authority')
    .on('issued_documents')
    .columns(['authority_id', 'issued_at'])
    .execute();
  // Once revoked, always revoked; the content and hashes never change after sealing.
  await sql`
    create function issued_documents_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then raise exception 'issued documents are never deleted'; end if;
      if old.revoked_at is not null then raise exception 'a revoked document does not change'; end if;
      if old.sha256 is not null and new.sha256 is distinct from old.sha256 then
        raise exception 'a sealed document keeps its hash';
      end if;
      if new.serial <> old.serial or new.content_sha256 <> old.content_sha256 or new.qr_payload <> old.qr_payload then
        raise exception 'an issued document keeps what it says';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger issued_documents_guard before update or delete on issued_documents
    for each row execute function issued_documents_guard()`.execute(db);
}
