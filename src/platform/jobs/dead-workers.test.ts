import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { beat, sweepDeadWorkers } from './dead-workers.ts';
import { enqueue } from './enqueue.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Locks a job in the name of a worker pool, as graphile-worker does when it takes one. */
async function lockedBy(workerId: string, lockedMinutesAgo = 0) {
  const id = await enqueue(database.db, 'platform:purge-expired', {});
  await sql`update graphile_worker._private_jobs
    set locked_by = ${workerId}, locked_at = now() - make_interval(mins => ${lockedMinutesAgo})
    where id = ${id}`.execute(database.db);
  return id;
}

const lockOf = async (id: string) =>
  (
    await sql<{
      locked_by: string | null;
    }>`select locked_by from graphile_worker.jobs where id = ${id}`.execute(database.db)
  ).rows[0]?.locked_by;

const beatSecondsAgo = (workerId: string, seconds: number) =>
  sql`update job_worker_heartbeats set beat_at = now() - make_interval(secs => ${seconds})
    where worker_id = ${workerId}`.execute(database.db);

describe('jobs held by a dead worker', () => {
  it('go back to the queue once the pool’s heartbeat is stale, and only then', async () => {
    await beat(database.db, 'pool-alive', 'host:1');
    await beat(database.db, 'pool-dead', 'host:2');
    await beatSecondsAgo('pool-dead', 31);
    await beatSecondsAgo('pool-alive', 20);
    const alive = await lockedBy('pool-alive');
    const dead = await lockedBy('pool-dead');

    expect(await sweepDeadWorkers(database.db)).toEqual(['pool-dead']);
    expect(await lockOf(dead)).toBeNull();
    expect(await lockOf(alive)).toBe('pool-alive');
    // Declared dead once: a second sweep (another instance) finds nothing left to do.
    expect(await sweepDeadWorkers(database.db)).toEqual([]);
  });

  it('also free, after five minutes, locks of a pool that died before its first beat', async () => {
    const recent = await lockedBy('pool-silent-recent', 1);
    const old = await lockedBy('pool-silent-old', 6);
    expect(await sweepDeadWorkers(database.db)).toEqual(['pool-silent-old']);
    expect(await lockOf(old)).toBeNull();
    expect(await lockOf(recent)).toBe('pool-silent-recent');
  });
});
