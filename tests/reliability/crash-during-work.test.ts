import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/platform/database/database.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { type GuichetProcess, spawnGuichet } from '../support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { citizenSession, embeddedPostgresOf, prepareCitizens } from './citizen-load.ts';
import { writeFigures } from './figures.ts';

const running: GuichetProcess[] = [];
const folders: string[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const instance of running.splice(0)) if (instance.child.exitCode === null) await instance.stop();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true, maxRetries: 5 });
  for (const database of databases.splice(0)) await database.drop();
});
/** A `start` on an empty data folder initialises PostgreSQL and seeds: minutes on a busy machine. */
const startTimeout = 240_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const killed = (instance: GuichetProcess) =>
  new Promise<void>((resolve) => {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) resolve();
    else instance.child.once('exit', () => resolve());
  });

/**
 * Six citizens send a form with a 1 MB attachment over and over to the real server; `victim` is killed
 * with -9 once a few are acknowledged: the server process (`guichet serve` on its database), or the
 * PostgreSQL that `guichet start` embeds in its data folder (then the server too, as its supervisor
 * would find it). After a restart, what the portal acknowledged must be there whole.
 */
async function crashDuringSubmissions(victim: 'guichet' | 'postgres') {
  let env: Record<string, string>;
  let command: string[];
  let databaseUrl: () => Promise<string>;
  if (victim === 'guichet') {
    const external = await createTestDatabase();
    databases.push(external);
    await seedDemo(external.db);
    env = {
      DATABASE_URL: external.url,
      GUICHET_WORKER_CONCURRENCY: '4',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
    };
    command = ['serve'];
    databaseUrl = async () => external.url;
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-crash-postgres-'));
    folders.push(dataDir);
    env = { GUICHET_DATA_DIR: dataDir, GUICHET_WORKER_CONCURRENCY: '4' };
    command = ['start'];
    databaseUrl = async () => (await embeddedPostgresOf(dataDir)).url;
  }
  // Its phases (PostgreSQL, migrations, seed, worker) logged: a start that hangs says where.
  env.LOG_LEVEL = 'info';
  const first = await spawnGuichet(command, env, startTimeout);
  running.push(first);
  const { formId, emails } = await prepareCitizens(await databaseUrl(), 6);
  const sessions = await Promise.all(emails.map((email) => citizenSession(first.url, email, formId)));
  const acknowledged: string[] = [];
  let failed = 0;
  let sending = true;
  const senders = sessions.map(async (session) => {
    while (sending)
      await session.submit().then(
        (id) => acknowledged.push(id),
        () => {
          failed += 1;
        },
      );
  });
  while (acknowledged.length < 6) await sleep(100);
  if (victim === 'postgres') {
    process.kill((await embeddedPostgresOf(env.GUICHET_DATA_DIR ?? '')).pid, 'SIGKILL');
    await sleep(1500); // requests in flight meet the dead database
  }
  first.child.kill('SIGKILL');
  await killed(first);
  sending = false;
  await Promise.all(senders);

  const restartedAt = Date.now();
  const second = await spawnGuichet(command, env, startTimeout);
  running.push(second);
  const restartSeconds = (Date.now() - restartedAt) / 1000;
  const database = connectDatabase(await databaseUrl(), () => undefined);
  const one = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    (await query.execute(database.db)).rows[0]?.n ?? 0;
  try {
    const ids = sql.join(acknowledged);
    // Each acknowledged submission is there, with its answers' file whole.
    expect(await one(sql`select count(*)::int as n from form_submissions where id in (${ids})`)).toBe(
      acknowledged.length,
    );
    expect(
      await one(sql`
        select count(*)::int as n from form_submissions s join form_files f on f.draft_id = s.draft_id
         where s.id in (${ids}) and octet_length(f.bytes) >= 1048576`),
    ).toBe(acknowledged.length);
    // No half-written one: a draft marked sent has its submission, each submission its audit event.
    expect(
      await one(sql`
        select count(*)::int as n from form_drafts d where d.form_id = ${formId} and d.submitted_at is not null
           and not exists (select 1 from form_submissions s where s.draft_id = d.id)`),
    ).toBe(0);
    const committed = await one(
      sql`select count(*)::int as n from form_submissions where form_id = ${formId}`,
    );
    expect(
      await one(sql`
        select count(*)::int as n from form_submissions s where s.form_id = ${formId}
           and not exists (select 1 from audit_events a where a.subject_id = s.id::text and a.action = 'form.submit')`),
    ).toBe(0);
    // Each one's job (the outbox of the request to open) ran at least once after the restart, and once only.
    const opened = sql<{ n: number }>`
      select count(distinct submission_id)::int as n from cases where submission_id in (
        select id from form_submissions where form_id = ${formId})`;
    const deadline = Date.now() + 90_000;
    while ((await one(opened)) < committed && Date.now() < deadline) await sleep(500);
    expect(await one(opened)).toBe(committed);
    const duplicates = await one(sql`
      select (count(*) - count(distinct submission_id))::int as n from cases where submission_id in (
        select id from form_submissions where form_id = ${formId})`);
    expect(duplicates).toBe(0);
    await writeFigures(`crash-${victim}`, {
      acknowledged: acknowledged.length,
      committed,
      committedUnacknowledged: committed - acknowledged.length,
      failedDuringCrash: failed,
      requestsOpened: committed,
      duplicateRequests: duplicates,
      restartSeconds,
      openedWithinSeconds: (Date.now() - restartedAt) / 1000,
    });
  } finally {
    await database.close();
  }
}

describe('killed with -9 during concurrent submissions with 1 MB attachments', { timeout: 600_000 }, () => {
  it('the server process: after a restart every acknowledged submission is whole and opened once', () =>
    crashDuringSubmissions('guichet'));
  it('PostgreSQL itself: after a restart every acknowledged submission is whole and opened once', () =>
    crashDuringSubmissions('postgres'));
});
