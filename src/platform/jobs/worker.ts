import os from 'node:os';
import {
  type JobHelpers,
  type Runner,
  run,
  runMigrations,
  type Task,
  Logger as WorkerLogger,
} from 'graphile-worker';
import type pg from 'pg';
import { type Db, tablesOf } from '../database/database.ts';
import type { Logger } from '../logging/logger.ts';
import { crontab, type JobName, type JobPayloads } from './job-names.ts';
import type { JobTables } from './migrations.ts';

export type JobHandler<Name extends JobName> = (
  payload: JobPayloads[Name],
  helpers: JobHelpers,
) => Promise<void>;
export type JobHandlers = { [Name in JobName]?: JobHandler<Name> };

/** graphile-worker keeps its own schema; it migrates it with ours, before anything can enqueue. */
export async function migrateJobQueue(pool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool: pool });
}

/**
 * Runs the queue. graphile-worker locks each job (SELECT … FOR UPDATE SKIP LOCKED) so any number of
 * workers on one database run each job once; every run is recorded in `job_runs`.
 */
export async function startWorker(options: {
  pool: pg.Pool;
  db: Db;
  handlers: JobHandlers;
  logger: Logger;
  concurrency: number;
}): Promise<Runner> {
  const worker = `${os.hostname()}:${process.pid}`;
  const taskList: Record<string, Task> = {};
  for (const [name, handler] of Object.entries(options.handlers)) {
    taskList[name] = async (payload, helpers) => {
      const startedAt = new Date();
      const record = (outcome: 'succeeded' | 'failed', error: string | null) =>
        tablesOf<JobTables>(options.db)
          .insertInto('job_runs')
          .values({
            job_id: helpers.job.id,
            task: name,
            worker,
            attempt: helpers.job.attempts,
            started_at: startedAt,
            outcome,
            error,
          })
          .execute();
      try {
        await (handler as JobHandler<JobName>)(payload as never, helpers);
      } catch (error) {
        await record('failed', String(error));
        options.logger.warn({ job: name, jobId: helpers.job.id, err: error }, 'job failed, will retry');
        throw error;
      }
      await record('succeeded', null);
    };
  }
  const missing = crontab.map((line) => line.split(' ').at(-1)).filter((task) => !task || !taskList[task]);
  if (missing.length > 0) throw new Error(`Cron lines name jobs without a handler: ${missing.join(', ')}`);
  return run({
    pgPool: options.pool,
    taskList,
    crontab: crontab.join('\n'),
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: new WorkerLogger((scope) => (level, message, meta) => {
      const pinoLevel = level === 'warning' ? 'warn' : level === 'error' ? 'error' : 'debug';
      options.logger[pinoLevel]({ worker: scope, ...meta }, message);
    }),
  });
}
