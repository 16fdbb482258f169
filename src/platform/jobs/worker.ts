import { EventEmitter } from 'node:events';
import os from 'node:os';
import {
  type JobHelpers,
  type Runner,
  run,
  runMigrations,
  type Task,
  type WorkerEvents,
  Logger as WorkerLogger,
} from 'graphile-worker';
import type pg from 'pg';
import { type Db, tablesOf } from '../database/database.ts';
import type { Logger } from '../logging/logger.ts';
import { keepWorkerAlive } from './dead-workers.ts';
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
 * workers on one database run each job once; every run is recorded in `job_runs`. The pool beats
 * while it runs, so that its jobs go back to the queue soon after it dies (`dead-workers.ts`).
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
  // Jobs are locked in the name of the pool, whose id graphile-worker draws when it creates it.
  const events: WorkerEvents = new EventEmitter();
  let farewell: (() => Promise<unknown>) | undefined;
  events.once('pool:create', ({ workerPool }) => {
    farewell = keepWorkerAlive({
      db: options.db,
      workerId: workerPool.id,
      host: worker,
      logger: options.logger,
    });
  });
  const runner = await run({
    pgPool: options.pool,
    events,
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
  // A pool that ends by itself (a fatal queue error) stops beating too, so its locks are freed.
  const ended = () => farewell?.();
  runner.promise.then(ended, ended);
  const stop = runner.stop;
  runner.stop = async (reason) => {
    await stop(reason);
    await farewell?.();
  };
  return runner;
}
