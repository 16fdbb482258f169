import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createForm, type FormDefinition, publishForm, submitDraft } from '../../src/modules/forms/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createCitizen } from '../support/factories.ts';
import { type GuichetProcess, spawnGuichet } from '../support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let instance: GuichetProcess | undefined;

const env = () => ({
  DATABASE_URL: database.url,
  GUICHET_WORKER_CONCURRENCY: '8',
  MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
});

const definition: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Attestation' },
  steps: [
    { id: 'a', title: { fr: 'Demande' }, fields: [{ id: 'purpose', type: 'text', label: { fr: 'Motif' } }] },
  ],
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  await instance?.stop();
  await database.drop();
});

/** Submits `count` drafts as the domain does: each submission commits with its job. */
async function submitMany(count: number): Promise<string[]> {
  const { db } = database;
  const citizen = await createCitizen(db, { givenNames: 'Anne', familyName: 'Crettenand' });
  const authority = await getAuthorityBySlug(db, 'spf');
  const form = await createForm(db, 'test', {
    authorityId: authority?.id ?? '',
    name: 'Attestation',
    definition,
  });
  await publishForm(db, 'test', form);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const answers = { purpose: `crash ${i}` };
    const { rows } = await sql<{ id: string }>`
      insert into form_drafts (form_id, version, account_id, person_id, answers)
      values (${form.id}, 1, ${citizen.account.id}, ${citizen.id}, ${JSON.stringify(answers)}::jsonb)
      returning id`.execute(db);
    const draft = {
      id: rows[0]?.id ?? '',
      formId: form.id,
      version: 1,
      accountId: citizen.account.id,
      personId: citizen.id,
      mandateId: null,
      answers,
      step: null,
      submittedAt: null,
      updatedAt: new Date(),
    };
    ids.push((await submitDraft(db, draft, { answers, level: 'high' })).submission.id);
  }
  return ids;
}

const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  (await query.execute(database.db)).rows[0]?.n ?? 0;

async function waitFor(what: string, test: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a server killed with -9 while its worker runs jobs', () => {
  it('has every submission opened as a request within a minute of the restart', async () => {
    instance = await spawnGuichet(['serve'], env());
    // The jobs block on a lock the test holds, so they are surely in the worker's hands at the kill.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table cases in access exclusive mode');

    const submissions = await submitMany(5);
    const lockedJobs = sql<{ n: number }>`
      select count(*)::int as n from graphile_worker.jobs
      where task_identifier = 'cases:open-from-submission' and locked_by is not null`;
    await waitFor('the worker to take the jobs', async () => (await count(lockedJobs)) === 5, 20_000);

    instance.child.kill('SIGKILL');
    await new Promise((resolve) => instance?.child.once('exit', resolve));
    instance = undefined;
    await blocker.query('rollback');
    await blocker.end();
    expect(await count(lockedJobs)).toBe(5); // the dead worker's locks outlive it

    const restartedAt = Date.now();
    instance = await spawnGuichet(['serve'], env());
    const opened = sql<{ n: number }>`
      select count(*)::int as n from cases where submission_id in (${sql.join(submissions)})`;
    await waitFor('the requests to be opened', async () => (await count(opened)) === 5, 90_000);
    expect(Date.now() - restartedAt).toBeLessThan(60_000);
    expect(await instance.stop()).toBe(0);
    instance = undefined;
  }, 150_000);
});
