import { sql } from 'kysely';
import { type Db, tablesOf } from '../database/database.ts';
import type { Logger } from '../logging/logger.ts';
import type { JobTables } from './migrations.ts';

/**
 * graphile-worker frees the jobs of a worker that died (kill -9, power loss, OOM) only after four
 * hours; a citizen would hold a receipt for a request that staff do not see. So every worker pool
 * beats into `job_worker_heartbeats`, and every instance sweeps: the jobs and queues locked by a pool
 * whose beat is stale go back to the queue, where any live worker takes them.
 */
export const heartbeatTimings = { beatMs: 10_000, staleMs: 30_000, sweepMs: 15_000 };

/**
 * A pool that died before its first beat leaves locks no heartbeat names; they are freed after this,
 * still far sooner than graphile-worker's four hours.
 */
const unannouncedLockMs = 5 * 60_000;

export async function beat(db: Db, workerId: string, host: string): Promise<void> {
  await tablesOf<JobTables>(db)
    .insertInto('job_worker_heartbeats')
    .values({ worker_id: workerId, host, beat_at: sql<Date>`now()` })
    .onConflict((oc) => oc.column('worker_id').doUpdateSet({ beat_at: sql<Date>`now()` }))
    .execute();
}

/** A pool that stops cleanly has released its jobs: its heartbeat goes with it. */
export async function forgetWorker(db: Db, workerId: string): Promise<void> {
  await tablesOf<JobTables>(db)
    .deleteFrom('job_worker_heartbeats')
    .where('worker_id', '=', workerId)
    .execute();
}

/**
 * Unlocks the jobs of pools whose heartbeat is older than `staleMs` (PostgreSQL's clock, shared by
 * every instance), through graphile-worker's own `force_unlock_workers`. The heartbeat rows are taken
 * in the same transaction, so two instances sweeping together free each pool once. Returns the pools
 * declared dead.
 */
export async function sweepDeadWorkers(db: Db, staleMs = heartbeatTimings.staleMs): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const stale = await tablesOf<JobTables>(tx)
      .deleteFrom('job_worker_heartbeats')
      .where('beat_at', '<', sql<Date>`now() - make_interval(secs => ${staleMs / 1000})`)
      .returning('worker_id')
      .execute();
    const unannounced = await sql<{ worker_id: string }>`
      select distinct locked_by as worker_id from graphile_worker.jobs
      where locked_by is not null
        and locked_at < now() - make_interval(secs => ${unannouncedLockMs / 1000})
        and locked_by not in (select worker_id from job_worker_heartbeats)`.execute(tx);
    const dead = [...stale.map((row) => row.worker_id), ...unannounced.rows.map((row) => row.worker_id)];
    if (dead.length > 0) await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`.execute(tx);
    return dead;
  });
}

/**
 * Beats for one pool and sweeps for all, at once and then periodically, until the returned function
 * (safe to call twice) is called. Failures are logged, never thrown: a database hiccup must not stop the worker.
 */
export function keepWorkerAlive(options: { db: Db; workerId: string; host: string; logger: Logger }) {
  const { db, workerId, host, logger } = options;
  const guard = (what: string, work: () => Promise<unknown>) =>
    work().catch((error: unknown) => logger.warn({ err: error, workerId }, `${what} failed`));
  const beating = guard('worker heartbeat', () => beat(db, workerId, host));
  const sweep = () =>
    guard('dead worker sweep', async () => {
      const dead = await sweepDeadWorkers(db);
      if (dead.length > 0) logger.warn({ dead }, 'jobs of dead workers released');
    });
  void sweep();
  const timers = [
    setInterval(
      () => void guard('worker heartbeat', () => beat(db, workerId, host)),
      heartbeatTimings.beatMs,
    ),
    setInterval(() => void sweep(), heartbeatTimings.sweepMs),
  ];
  for (const timer of timers) timer.unref();
  let stopped: Promise<unknown> | undefined;
  return () => {
    for (const timer of timers) clearInterval(timer);
    stopped ??= beating.then(() => guard('worker farewell', () => forgetWorker(db, workerId)));
    return stopped;
  };
}
