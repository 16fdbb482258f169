import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../tests/support/factories.ts';
import { submitAnswers } from '../../../tests/support/requests.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { startTestWorker } from '../../../tests/support/test-app.ts';
import { ensurePersonalAccount } from '../../modules/accounts/accounts.ts';
import { getServiceEntry } from '../../modules/catalogue/index.ts';
import { createPersonWithLink } from '../../modules/identity/index.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { connectTaxSystem } from '../../simulators/tax-system/index.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let sophie: PersonActor;

beforeAll(async () => {
  server = await serveTestApp();
  worker = await startTestWorker(server);
  expect(await connectTaxSystem(server.database.db, server.url)).toBe(true);
  const { person } = await createPersonWithLink(
    server.database.db,
    { givenNames: 'Sophie', familyName: 'Rochat', avs: '7561234567897', dateOfBirth: '1984-03-12' },
    { provider: 'test', subject: 'older-sophie', level: 'high' },
  );
  const accountId = await ensurePersonalAccount(server.database.db, person.id, 'Sophie Rochat');
  sophie = personActor({
    id: person.id,
    account: { id: accountId, name: 'Sophie Rochat', kind: 'personal' },
  });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

describe('older documents', () => {
  it('are asked by a short form; the tax system publishes them later into the account', {
    timeout: 90_000,
  }, async () => {
    const { db } = server.database;
    const formId =
      (await getServiceEntry(db, { slug: 'documents-dossier-fiscal' }, 'published'))?.content.formId ?? '';
    const submission = await submitAnswers(db, sophie, formId, { years: ['2023'] });
    const status = async () =>
      (
        await sql<{
          status: string;
        }>`select status from cases where submission_id = ${submission.id}`.execute(db)
      ).rows[0]?.status;
    await expect.poll(status, { timeout: 60_000, interval: 500 }).toBe('documents_sent');
    const { rows } = await sql<{ title: string; category: string; theme: string }>`
      select title, category, theme from documents where account_id = ${sophie.account.id} and category = 'tax' order by title`.execute(
      db,
    );
    expect(rows).toEqual([
      { title: 'Attestation d’impôt 2023', category: 'tax', theme: 'tax' },
      { title: 'Bordereau d’impôt 2023', category: 'tax', theme: 'tax' },
      { title: 'Décision de taxation 2023', category: 'tax', theme: 'tax' },
    ]);
  });
});
