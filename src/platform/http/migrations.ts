import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ModuleMigrations } from '../database/migrations.ts';

export interface HttpTables {
  sessions: {
    id_hash: string;
    data: unknown;
    /** Whose session it is (a person id) once logged in, for "my sessions" and "log out everywhere". */
    subject: string | null;
    user_agent: string | null;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
  };
  rate_limit_hits: { bucket: string; key: string; window_start: Date; hits: number };
  platform_settings: { name: string; value: string };
  /** A post that came after its session timed out, sealed, for its person after they log in again (ADR 28). */
  kept_posts: {
    subject: string;
    action: string;
    sealed: string;
    expires_at: Date;
  };
}

export const httpMigrations: ModuleMigrations = {
  '2026-11-24-00-platform-http': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('subject', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
      await db.schema.createIndex('sessions_subject').on('sessions').column('subject').execute();
      await db.schema
        .createTable('rate_limit_hits')
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('window_start', 'timestamptz', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limit_hits_pk', ['bucket', 'key', 'window_start'])
        .execute();
      await db.schema
        .createTable('platform_settings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-01-60-platform-api-idempotency': {
    async up(db: Kysely<unknown>) {
      // The first answer to each API client's Idempotency-Key; the primary key decides between duplicates.
      await db.schema
        .createTable('api_idempotency')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('body', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('api_idempotency_pk', ['owner', 'key'])
        .execute();
      await db.schema
        .createIndex('api_idempotency_created_at')
        .on('api_idempotency')
        .column('created_at')
        .execute();
    },
  },
  '2026-12-06-10-platform-kept-posts': {
    async up(db: Kysely<unknown>) {
      // One per person and form address: a second post after the same time-out replaces the first.
      await db.schema
        .createTable('kept_posts')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('kept_posts_pk', ['subject', 'action'])
        .execute();
      await db.schema.createIndex('kept_posts_expires_at').on('kept_posts').column('expires_at').execute();
    },
  },
};
