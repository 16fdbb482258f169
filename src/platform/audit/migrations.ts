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
};
