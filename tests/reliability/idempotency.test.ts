import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createForm, type FormDefinition, publishForm } from '../../src/modules/forms/index.ts';
import type { Actor } from '../../src/platform/http/access.ts';
import { apiCaller, apiFixture, pdfBase64 } from '../support/api.ts';
import { createCitizen } from '../support/factories.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../support/test-app.ts';
import { writeFigures } from './figures.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
/** Citizens act through a chosen actor; the API's callers through their keys, on an app of their own. */
let personApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let fixture: Awaited<ReturnType<typeof apiFixture>>;
const figures: Record<string, Record<number, { created: number; statuses: Record<number, number> }>> = {};

beforeAll(async () => {
  testApp = await createTestApp();
  personApp = await createTestApp({ actor: () => actor });
  fixture = await apiFixture(testApp);
});
afterAll(async () => {
  await writeFigures('idempotency', { bursts: figures });
  await testApp.close();
  await personApp.close();
});

const countIn = async (app: typeof testApp, query: ReturnType<typeof sql<{ n: number }>>) =>
  (await query.execute(app.database.db)).rows[0]?.n ?? 0;
const count = (query: ReturnType<typeof sql<{ n: number }>>) => countIn(testApp, query);

const statusesOf = (responses: Response[]) => {
  const statuses: Record<number, number> = {};
  for (const r of responses) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return statuses;
};

const note = (what: string, burst: number, created: number, responses: Response[]) => {
  figures[what] = { ...figures[what], [burst]: { created, statuses: statusesOf(responses) } };
};

/** The same request fired `burst` times at once; none may fail, since each is the same request. */
const fire = (burst: number, send: () => Response | Promise<Response>) =>
  Promise.all(Array.from({ length: burst }, async () => send()));

const definition: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Attestation' },
  steps: [
    { id: 'a', title: { fr: 'Demande' }, fields: [{ id: 'purpose', type: 'text', label: { fr: 'Motif' } }] },
  ],
};

describe('the same work fired 2 to 50 times at once is done once', () => {
  it.each([2, 10, 50])('a form submission sent %i times at once makes one submission', async (burst) => {
    const db = personApp.database.db;
    const citizen = await createCitizen(db, { givenNames: 'Ines', familyName: `Burst${burst}` });
    actor = citizen;
    const authority = await getAuthorityBySlug(db, 'spf');
    const form = await createForm(db, 'test', {
      authorityId: authority?.id ?? '',
      name: `Burst ${burst}`,
      definition,
    });
    await publishForm(db, 'test', form);
    const { rows } = await sql<{ id: string }>`
      insert into form_drafts (form_id, version, account_id, person_id, answers)
      values (${form.id}, 1, ${citizen.account.id}, ${citizen.id}, '{"purpose":"burst"}'::jsonb)
      returning id`.execute(db);
    const draft = `/forms/drafts/${rows[0]?.id}`;
    const page = await personApp.app.request(`${draft}/review`);
    expect(page.status, page.headers.get('Location') ?? '').toBe(200);
    const token = csrfTokenIn(await page.text());
    const answers = await fire(burst, () =>
      personApp.app.request(`${draft}/submit`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: token }),
        headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    );
    const created = await countIn(
      personApp,
      sql`select count(*)::int as n from form_submissions where form_id = ${form.id}`,
    );
    note('submission', burst, created, answers);
    expect(created).toBe(1);
    expect(new Set(answers.map((r) => r.headers.get('Location'))).size).toBe(1);
    expect(answers.every((r) => r.status === 303)).toBe(true);
    const jobs = await countIn(
      personApp,
      sql`
      select count(*)::int as n from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
       where t.identifier = 'cases:open-from-submission'
         and j.payload->>'submissionId' in (select id::text from form_submissions where form_id = ${form.id})`,
    );
    expect(jobs, 'one request to open').toBe(1);
  });

  it.each([2, 10, 50])(
    'a document publication sent %i times with one key publishes one document',
    async (burst) => {
      const call = apiCaller(testApp);
      const body = {
        recipient: { accountId: fixture.accountId },
        title: `Extrait ${burst}`,
        category: 'extract',
        filename: 'extrait.pdf',
        contentBase64: pdfBase64,
      };
      const key = { 'Idempotency-Key': `publication-${burst}` };
      const answers = await fire(burst, () => call(fixture.sionKey, 'POST', '/api/v1/documents', body, key));
      const created = await count(
        sql`select count(*)::int as n from documents where title = ${`Extrait ${burst}`}`,
      );
      note('publication', burst, created, answers);
      expect(created).toBe(1);
      expect(answers.every((r) => r.status === 201)).toBe(true);
      const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));
      expect(new Set(ids).size).toBe(1);

      const other = await call(
        fixture.sionKey,
        'POST',
        '/api/v1/documents',
        { ...body, title: 'Autre' },
        key,
      );
      expect(other.status).toBe(422);
      expect(((await other.json()) as { code?: string; type?: string }).type ?? '').toContain(
        'idempotency_key_reused',
      );
    },
  );

  it.each([2, 10, 50])('a fee asked %i times with one key is asked once', async (burst) => {
    const call = apiCaller(testApp);
    const path = `/api/v1/requests/${fixture.request.id}/payments`;
    const body = { amountCents: 1000 + burst, purpose: { fr: `Émolument ${burst}` } };
    const key = { 'Idempotency-Key': `fee-burst-${burst}` };
    const answers = await fire(burst, () => call(fixture.sionKey, 'POST', path, body, key));
    const created = await count(
      sql`select count(*)::int as n from payments where amount_cents = ${1000 + burst}`,
    );
    note('paymentRequest', burst, created, answers);
    expect(created, JSON.stringify([statusesOf(answers), await answers[0]?.clone().text()])).toBe(1);
    expect(answers.every((r) => r.status === 201)).toBe(true);

    const other = await call(fixture.sionKey, 'POST', path, { ...body, amountCents: 7 }, key);
    expect(other.status).toBe(422);
  });
});
