import type { Generated, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ModuleMigrations } from '../database/migrations.ts';

export interface JobTables {
  job_runs: {
    id: Generated<number>;
    job_id: string;
    task: string;
    worker: string;
    attempt: number;
    started_at: Date;
    finished_at: Generated<Date>;
    outcome: 'succeeded' | 'failed';
    error: string | null;
  };
  /** One row per live worker pool (graphile-worker's `locked_by`), see `dead-workers.ts`. */
  job_worker_heartbeats: {
    worker_id: string;
    host: string;
    beat_at: Date;
  };
}

export const jobMigrations: ModuleMigrations = {
  '2026-11-24-00-platform-jobs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('job_runs')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('task', 'text', (c) => c.notNull())
        .addColumn('worker', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('succeeded', 'failed')`))
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('job_runs_started_at').on('job_runs').column('started_at').execute();
    },
  },
  '2026-11-30-80-platform-worker-heartbeats': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('job_worker_heartbeats')
        .addColumn('worker_id', 'text', (c) => c.primaryKey())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('beat_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
};
