import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../../tests/support/demo-persons.ts';
import { personActor } from '../../../tests/support/factories.ts';
import { submitAnswers } from '../../../tests/support/requests.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { startTestWorker } from '../../../tests/support/test-app.ts';
import { ensurePersonalAccount, openProfessionalAccount } from '../../modules/accounts/accounts.ts';
import { systemActor } from '../../modules/cases/cases.ts';
import { getCaseForJob } from '../../modules/cases/get-case.ts';
import { moveTo } from '../../modules/cases/move-request.ts';
import { paymentSettled } from '../../modules/cases/payment-settled.ts';
import { getServiceEntry } from '../../modules/catalogue/index.ts';
import { testPersons } from '../../modules/identity/dev-idp/test-persons.ts';
import { createPersonWithLink, findLink, upsertOrganisation } from '../../modules/identity/index.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { registerCompanies } from '../../simulators/commercial-register/register-data.ts';
import { connectDebtRegister } from '../../simulators/debt-register/index.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let formId: string;

beforeAll(async () => {
  server = await serveTestApp();
  worker = await startTestWorker(server);
  expect(await connectDebtRegister(server.database.db, server.url)).toBe(true);
  formId =
    (await getServiceEntry(server.database.db, { slug: 'extrait-registre-poursuites' }, 'published'))?.content
      .formId ?? '';
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

/**
 * A test person of the development provider in their personal account; nobody logs in here, so the
 * first call creates them as a first login would (the person, then the account).
 */
async function demoActor(name: string): Promise<PersonActor> {
  const { db } = server.database;
  const p = testPersons.find((t) => `${t.givenNames} ${t.familyName}` === name);
  if (!p) throw new Error(name);
  if (!(await findLink(db, 'dev', p.sub))) {
    const { person } = await createPersonWithLink(
      db,
      {
        givenNames: p.givenNames,
        familyName: p.familyName,
        dateOfBirth: p.birthdate,
        avs: p.avs,
        language: p.locale,
      },
      { provider: 'dev', subject: p.sub, level: 'high' },
    );
    await ensurePersonalAccount(db, person.id, name);
  }
  const { personId, accountId } = await demoPerson(db, name);
  return personActor({
    id: personId,
    displayName: name,
    account: { id: accountId, name, kind: 'personal' },
  });
}

/** Submits the extract's form and pays its fee (as the payment's settlement would), returning the request. */
async function requestAndPay(actor: PersonActor) {
  const { db } = server.database;
  const submission = await submitAnswers(db, actor, formId, { purpose: 'renting' });
  const caseId = async () =>
    (await sql<{ id: string }>`select id from cases where submission_id = ${submission.id}`.execute(db))
      .rows[0]?.id;
  await expect.poll(caseId, { timeout: 20_000 }).toBeTruthy();
  const id = (await caseId()) ?? '';
  expect((await getCaseForJob(db, id))?.status).toBe('awaiting_fee');
  await sql`update payments set status = 'paid', paid_at = now() where account_id = ${actor.account.id}`.execute(
    db,
  );
  await paymentSettled(db, { caseId: id, status: 'awaiting_fee' });
  return id;
}

const statusOf = async (id: string) => (await getCaseForJob(server.database.db, id))?.status;
const issuedOf = async (id: string) =>
  (
    await sql<{
      language: string;
      content: { sections: { fields: { value: string }[] }[] };
      qr_payload: string;
    }>`
      select language, content, qr_payload from issued_documents where request_id = ${id}`.execute(
      server.database.db,
    )
  ).rows[0];

describe('the debt-collection extract, answered by the register through the API', () => {
  it('the register refuses an event Guichet did not sign', async () => {
    const forged = await fetch(`${server.url}/simulators/debt-register/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: JSON.stringify({ type: 'request.status_changed', data: {} }),
    });
    expect(forged.status).toBe(401);
  });

  it('issues a clear extract within a minute of payment, with no clerk: no entries for Sophie Rochat', {
    timeout: 90_000,
  }, async () => {
    const id = await requestAndPay(await demoActor('Sophie Rochat'));
    await expect.poll(() => statusOf(id), { timeout: 60_000, interval: 500 }).toBe('granted');
    const issued = await issuedOf(id);
    expect(issued?.language).toBe('fr');
    expect(JSON.stringify(issued?.content)).toContain('Aucune poursuite ni aucun acte de défaut de biens');
    // The register looked her up through the API: her access log says so.
    const { rows } = await sql<{ action: string }>`
      select action from account_access_log a join cases c on c.account_id = a.account_id
      where c.id = ${id} order by a.id`.execute(server.database.db);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['request.readThroughApi', 'person.lookUpThroughApi']),
    );
  });

  it('lists Thomas Imboden’s proceedings, in German, his language', { timeout: 90_000 }, async () => {
    const id = await requestAndPay(await demoActor('Thomas Imboden'));
    await expect.poll(() => statusOf(id), { timeout: 60_000, interval: 500 }).toBe('granted');
    const issued = await issuedOf(id);
    expect(issued?.language).toBe('de');
    const text = JSON.stringify(issued?.content);
    expect(text).toContain('Betreibung Nr. 21-2025-001877');
    expect(text).toContain('Garage Oberwallis GmbH – CHF 6’420.00 – Rechtsvorschlag erhoben');
    // His company's proceedings are not his.
    expect(text).not.toContain('Holzbau');
  });

  it('sends an ambiguous homonym to an agent, then issues as the agent decided', {
    timeout: 120_000,
  }, async () => {
    const id = await requestAndPay(await demoActor('Marc Darbellay'));
    await expect.poll(() => statusOf(id), { timeout: 60_000, interval: 500 }).toBe('manual_check');
    expect(await issuedOf(id)).toBeUndefined();
    const item = await getCaseForJob(server.database.db, id);
    if (!item) throw new Error('no request');
    // The agent finds the Monthey debtor is another Marc Darbellay.
    await moveTo(server.database.db, item, systemActor, 'homonym_excluded', { kind: 'status' });
    await expect.poll(() => statusOf(id), { timeout: 60_000, interval: 500 }).toBe('granted');
    const text = JSON.stringify((await issuedOf(id))?.content);
    expect(text).toContain('Aucune poursuite');
    expect(text).not.toContain('Banque Cantonale');
  });

  it('issues an organisation’s extract by its UID, asked by its signatory', { timeout: 90_000 }, async () => {
    const thomas = await demoActor('Thomas Imboden');
    const company = registerCompanies.find((c) => c.uid === 'CHE345678915');
    if (!company) throw new Error('no company');
    const organisation = await upsertOrganisation(server.database.db, company);
    const accountId = await openProfessionalAccount(server.database.db, thomas.id, organisation);
    const id = await requestAndPay({
      ...thomas,
      account: { id: accountId, name: company.name, kind: 'professional' },
    });
    await expect.poll(() => statusOf(id), { timeout: 60_000, interval: 500 }).toBe('granted');
    const text = JSON.stringify((await issuedOf(id))?.content);
    expect(text).toContain('CHE-345.678.915');
    expect(text).toContain('Holzbau Lötschental AG');
    expect(text).not.toContain('Garage Oberwallis');
  });
});
