import type { Generated, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ModuleMigrations } from '../database/migrations.ts';

export interface AuditTables {
  audit_events: {
    id: Generated<number>;
    occurred_at: Date;
    actor: string;
    on_behalf_of: string | null;
    action: string;
    subject_type: string;
    subject_id: string;
    authority_id: string | null;
    details: unknown;
    request_id: string | null;
    previous_hash: string;
    hash: string;
  };
  /** Signed statements of the chain's head, see checkpoints.ts. */
  audit_checkpoints: {
    seq: number;
    created_at: Date;
    head_id: number;
    head_hash: string;
    previous_mac: string;
    key_id: string;
    mac: string;
  };
}

export const auditMigrations: ModuleMigrations = {
  '2026-11-24-00-platform-audit': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('on_behalf_of', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('authority_id', 'text')
        .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('request_id', 'text')
        .addColumn('previous_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createIndex('audit_events_subject')
        .on('audit_events')
        .columns(['subject_type', 'subject_id'])
        .execute();
    },
  },
  // Triggers, not grants: the application usually owns its tables (and the embedded server runs it as
  // superuser), and an owner ignores grants. Only a deliberate `disable trigger` or
  // `session_replication_role = replica` gets past them, which the signed checkpoints then reveal.
  '2026-11-30-70-platform-audit-append-only': {
    async up(db: Kysely<unknown>) {
      await sql`
        create function audit_append_only() returns trigger language plpgsql as $$
        begin
          raise exception '% is append-only: % refused', tg_table_name, tg_op
            using errcode = 'insufficient_privilege';
        end $$`.execute(db);
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('head_id', 'bigint', (c) => c.notNull())
        .addColumn('head_hash', 'text', (c) => c.notNull())
        .addColumn('previous_mac', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('mac', 'text', (c) => c.notNull())
        .execute();
      for (const table of ['audit_events', 'audit_checkpoints']) {
        await sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
          for each row execute function audit_append_only()`.execute(db);
        await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
          for each statement execute function audit_append_only()`.execute(db);
      }
    },
  },
  // The chain's link made in one round trip (see appendAuditEvent): the lock that every audited
  // transaction queues on is then held for that statement and the commit, not three round trips more.
  '2026-12-03-41-platform-audit-append-function': {
    async up(db: Kysely<unknown>) {
      await sql`
        create function audit_append(
          p_lock bigint, p_occurred_at timestamptz, p_actor text, p_on_behalf_of text, p_action text,
          p_subject_type text, p_subject_id text, p_authority_id text, p_details jsonb, p_request_id text,
          p_content_after_previous text) returns void language plpgsql as $$
        declare
          previous text;
        begin
          perform pg_advisory_xact_lock(p_lock);
          -- A statement of its own, so that it sees the events committed while this one waited.
          select e.hash into previous from audit_events e order by e.id desc limit 1;
          previous := coalesce(previous, repeat('0', 64));
          insert into audit_events (occurred_at, actor, on_behalf_of, action, subject_type, subject_id,
                                    authority_id, details, request_id, previous_hash, hash)
          values (p_occurred_at, p_actor, p_on_behalf_of, p_action, p_subject_type, p_subject_id,
                  p_authority_id, p_details, p_request_id, previous,
                  encode(sha256(convert_to('["' || previous || '",' || p_content_after_previous, 'UTF8')), 'hex'));
        end $$`.execute(db);
    },
  },
};
