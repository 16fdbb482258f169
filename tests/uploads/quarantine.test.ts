import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePersonalAccount } from '../../src/modules/accounts/index.ts';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createPersonWithLink } from '../../src/modules/identity/index.ts';
import type { Actor, PersonActor } from '../../src/platform/http/access.ts';
import { cleanPdf, eicarInPdf } from '../support/attack-corpus.ts';
import { freePort, startClamd } from '../support/clamd.ts';
import { personActor, staffActor } from '../support/factories.ts';
import { httpClient } from '../support/http-client.ts';
import { serveTestApp } from '../support/serve-test-app.ts';
import { startTestWorker } from '../support/test-app.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

/*
 * The scanner is configured but down: uploads are taken, kept out of sight, scanned by a job retried
 * with back-off until clamd answers, then released (clean) or destroyed (infected). Never passed unscanned.
 */

let testApp: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let clamd: Awaited<ReturnType<typeof startClamd>> | undefined;
let clamdPort = 0;
let actor: Actor | null = null;
let citizen: PersonActor;
let spf = '';
let formId = '';

beforeAll(async () => {
  clamdPort = await freePort();
  testApp = await serveTestApp({ actor: () => actor, env: { CLAMD_URL: `tcp://127.0.0.1:${clamdPort}` } });
  const { db } = testApp.database;
  worker = await startTestWorker(testApp);
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const { person } = await createPersonWithLink(
    db,
    { givenNames: 'Noé', familyName: 'Scan', avs: '7561234567897', dateOfBirth: '1980-01-01' },
    { provider: 'test', subject: 'noe-scan', level: 'high' },
  );
  const accountId = await ensurePersonalAccount(db, person.id, 'Noé Scan');
  citizen = personActor({
    id: person.id,
    displayName: 'Noé Scan',
    account: { id: accountId, name: 'Noé Scan', kind: 'personal' },
  });
  formId = (
    await publishOneStepForm(db, spf, {
      name: 'Pièce',
      fields: [{ id: 'proof', type: 'file', label: { fr: 'Pièce' } }],
    })
  ).id;
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await testApp?.close();
  await clamd?.stop();
});

async function publish(title: string, bytes: Buffer) {
  actor = staffActor(spf, 'agent');
  const client = httpClient(testApp.app);
  await client.get('/back-office/authorities/spf/documents/new');
  const body = new FormData();
  // First, as the page's form has it: the router reads the token before any file.
  body.set('_csrf', client.csrf());
  body.set('recipientBy', 'avs');
  body.set('avs', '756.1234.5678.97');
  body.set('title', title);
  body.set('category', 'decision');
  body.set('file', new File([new Uint8Array(bytes)], `${title}.pdf`));
  const response = await fetch(`${testApp.url}/back-office/authorities/spf/documents/new`, {
    method: 'POST',
    body,
    headers: { Cookie: client.cookie() },
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const { rows } = await sql<{ id: string; quarantined_at: Date | null }>`
    select id, quarantined_at from documents where title = ${title}`.execute(testApp.database.db);
  return rows[0] as { id: string; quarantined_at: Date | null };
}

const row = async (id: string) =>
  (
    await sql<{ quarantined_at: Date | null; deleted_at: Date | null }>`
      select quarantined_at, deleted_at from documents where id = ${id}`.execute(testApp.database.db)
  ).rows[0];

async function waitFor(probe: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('with the scanner configured but down', () => {
  it('keeps uploads out of sight, retries, then releases the clean and destroys the infected', async () => {
    const clean = await publish('Décision propre', await cleanPdf());
    const infected = await publish('Décision piégée', await eicarInPdf());
    expect(clean.quarantined_at).not.toBeNull();
    expect(infected.quarantined_at).not.toBeNull();

    actor = citizen;
    const steps = httpClient(testApp.app);
    const started = await steps.submit(`/forms/${formId}/start`, {}, `/forms/${formId}/start`);
    const draft = /\/forms\/drafts\/([0-9a-f-]{36})/.exec(started.headers.get('Location') ?? '')?.[1];
    await steps.submit(
      `/forms/drafts/${draft}/steps/main`,
      { proof: new File([new Uint8Array(await cleanPdf())], 'preuve.pdf') },
      `/forms/drafts/${draft}`,
    );
    const formFile = async () =>
      (
        await sql<{ quarantined_at: Date | null }>`
          select f.quarantined_at from form_files f where f.draft_id = ${draft}`.execute(testApp.database.db)
      ).rows[0];
    expect((await formFile())?.quarantined_at).not.toBeNull();

    // Invisible to staff and to the recipient, and nobody told.
    actor = staffActor(spf, 'agent');
    expect(await (await testApp.app.request('/back-office/authorities/spf/documents')).text()).not.toContain(
      'Décision propre',
    );
    actor = citizen;
    expect(await (await testApp.app.request('/documents')).text()).not.toContain('Décision propre');
    expect((await testApp.app.request(`/documents/${clean.id}/file`)).status).toBe(404);
    const told = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from notifications where source = ${`document:${clean.id}`}`.execute(
          testApp.database.db,
        )
      ).rows[0]?.n;
    expect(await told()).toBe(0);

    // The scan jobs failed against the closed port and wait to be tried again.
    await waitFor(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from graphile_worker.jobs
        where task_identifier in ('documents:scan-upload', 'forms:scan-file') and attempts > 0 and last_error is not null`.execute(
        testApp.database.db,
      );
      return (rows[0]?.n ?? 0) === 3;
    }, 15_000);
    expect((await row(clean.id))?.quarantined_at).not.toBeNull();

    clamd = await startClamd(clamdPort);
    await waitFor(async () => (await row(clean.id))?.quarantined_at === null, 60_000);
    await waitFor(async () => Boolean((await row(infected.id))?.deleted_at), 30_000);
    await waitFor(async () => (await formFile())?.quarantined_at === null, 30_000);

    actor = citizen;
    expect((await testApp.app.request(`/documents/${clean.id}/file`)).status).toBe(200);
    expect((await testApp.app.request(`/documents/${infected.id}/file`)).status).toBe(404);
    expect(await told()).toBe(1);
    const { rows: blobs } = await sql<{ n: number }>`
      select count(*)::int as n from document_blobs where key = ${infected.id}`.execute(testApp.database.db);
    expect(blobs[0]?.n).toBe(0);
  }, 120_000);
});
