import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/platform/jobs/enqueue.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { type GuichetProcess, spawnGuichet } from '../support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let instances: GuichetProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await database.drop();
});

// Whole processes start here (tsx, PostgreSQL): seconds each on a busy machine.
describe('several instances on one external PostgreSQL', { timeout: 120_000 }, () => {
  it('both answer, and each job enqueued once runs exactly once, the jobs shared by both', async () => {
    const env = {
      DATABASE_URL: database.url,
      GUICHET_WORKER_CONCURRENCY: '4',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    };
    instances = await Promise.all([spawnGuichet(['serve'], env), spawnGuichet(['serve'], env)]);
    expect(instances[0]?.url).not.toBe(instances[1]?.url);
    for (const instance of instances) {
      expect((await fetch(`${instance.url}/health/ready`)).status).toBe(200);
      expect(await (await fetch(`${instance.url}/`)).text()).toContain('Canton du Valais');
    }

    // The jobs block on a lock the test holds until both instances hold some: each worker keeps its
    // first job, so neither instance can take them all.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table rate_limit_hits in access exclusive mode');
    const jobIds: string[] = [];
    for (let i = 0; i < 40; i++) jobIds.push(await enqueue(database.db, 'platform:purge-expired', {}));
    const holders = async () =>
      (
        await sql<{ locked_by: string }>`
          select distinct locked_by from graphile_worker.jobs where id in (${sql.join(jobIds)}) and locked_by is not null`.execute(
          database.db,
        )
      ).rows;
    const taken = Date.now() + 20_000;
    while ((await holders()).length < 2 && Date.now() < taken) await new Promise((r) => setTimeout(r, 200));
    await blocker.query('rollback');
    await blocker.end();

    const runs = async () =>
      (
        await sql<{ job_id: string; worker: string }>`
          select job_id, worker from job_runs where job_id in (${sql.join(jobIds)}) and outcome = 'succeeded'`.execute(
          database.db,
        )
      ).rows;
    const deadline = Date.now() + 30_000;
    while ((await runs()).length < jobIds.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1500)); // time for any duplicate run to show up
    const finished = await runs();
    expect(finished).toHaveLength(40);
    expect(new Set(finished.map((run) => run.job_id)).size).toBe(40);
    const workers = new Set(finished.map((run) => run.worker));
    expect(workers.size, 'jobs ran on both instances').toBe(2);
    expect([...workers].map((worker) => worker.split(':').at(-1)).sort()).toEqual(
      instances.map((instance) => String(instance.child.pid)).sort(),
    );

    const codes = await Promise.all(instances.map((instance) => instance.stop()));
    instances = [];
    expect(codes).toEqual([0, 0]);
  });

  it('enqueues inside the caller’s transaction: a rollback leaves no job behind', async () => {
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(database.db))
        .rows[0]?.n;
    const before = await count();
    await expect(
      database.db.transaction().execute(async (tx) => {
        await enqueue(tx, 'audit:verify-chain', {});
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await count()).toBe(before);
    await enqueue(database.db, 'audit:verify-chain', {});
    expect(await count()).toBe((before ?? 0) + 1);
  });
});
