import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { saveFeeOnArrival } from '../../../tests/support/fee-workflow.ts';
import { issueReceiptNow } from '../../../tests/support/issuing.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createRequestForm } from '../../../tests/support/requests.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { startTestWorker } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { getServiceEntry, publishVersion, saveVersion } from '../catalogue/index.ts';
import { submitDraft } from '../forms/index.ts';

let testApp: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let actor: Actor | null = null;
let citizen: PersonActor;
let spf = '';
let formId = '';

beforeAll(async () => {
  testApp = await serveTestApp({ actor: () => actor });
  const { db } = testApp.database;
  worker = await startTestWorker(testApp);
  citizen = await createCitizen(
    db,
    { givenNames: 'Léa', familyName: 'Roh', email: 'lea@example.ch' },
    'high',
  );
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  formId = (await createRequestForm(db, spf, 'Attestation')).id;
  // A fee asked on arrival: the confirmation page says it is due now, with its amount.
  await saveFeeOnArrival(db, formId, {
    amountCents: 3050,
    purpose: 'Émolument d’attestation',
    paidTo: 'in_progress',
  });
});
afterAll(async () => {
  await worker?.stop();
  await testApp?.close();
});

const get = (path: string) => testApp.app.request(path);
const text = async (path: string) => {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return response.text();
};

/** Sends a draft and waits for the job to open its request. */
async function send(purpose: string) {
  const { db } = testApp.database;
  const answers = { purpose };
  const { rows } = await sql<{ id: string }>`
    insert into form_drafts (form_id, version, account_id, person_id, answers)
    values (${formId}, 1, ${citizen.account.id}, ${citizen.id}, ${JSON.stringify(answers)}::jsonb) returning id`.execute(
    db,
  );
  const draft = {
    ...{ id: rows[0]?.id ?? '', formId, version: 1, accountId: citizen.account.id, personId: citizen.id },
    ...{ mandateId: null, answers, step: null, submittedAt: null, updatedAt: new Date() },
  };
  const { submission } = await submitDraft(db, draft, { answers, level: 'high' });
  for (let i = 0; i < 200; i++) {
    const found = await sql<{ id: string; n: number }>`
      select c.id, (select count(*)::int from payments where source like 'case:' || c.id || ':%') as n
      from cases c where submission_id = ${submission.id}`.execute(db);
    if (found.rows[0]?.n) return { submission, requestId: found.rows[0].id };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no request opened');
}

describe('a request', () => {
  it('has one reference, given on submission, on every page, PDF, payment, notification and export', async () => {
    const { submission, requestId } = await send('Attestation de domicile');
    const reference = submission.reference;
    expect(reference).toMatch(/^\d{4}-\d{6}$/);

    actor = citizen;
    const confirmation = await text(`/forms/submissions/${submission.id}`);
    expect(confirmation).toContain(reference);
    await issueReceiptNow(testApp, submission.id);
    const receipt = await get(`/forms/submissions/${submission.id}/receipt.pdf`);
    expect(pdfText(new Uint8Array(await receipt.arrayBuffer()))).toContain(reference);
    expect(await text('/requests')).toContain(reference);
    const page = await text(`/requests/${requestId}`);
    expect(page).toContain(reference);
    const paymentPath = page.match(/href="(\/payments\/[0-9a-f-]{36})"/)?.[1] ?? '';
    const payment = await text(paymentPath);
    expect(payment).toContain(reference);
    expect(payment).not.toMatch(/GU-\d{4}-\d+/); // the provider's refno stays technical
    expect(await text('/payments')).toContain(reference);
    const told = await sql<{ reference: string | null }>`
      select reference from notifications where person_id = ${citizen.id} and event = 'paymentDue'`.execute(
      testApp.database.db,
    );
    expect(told.rows.map((r) => r.reference)).toEqual([reference]);
    expect(await text('/notifications')).toContain(`Un paiement (demande ${reference})`);

    actor = staffActor(spf, 'agent');
    const base = '/back-office/authorities/spf/requests';
    expect(await text(`${base}/${requestId}`)).toContain(reference);
    const found = await text(`${base}?q=${encodeURIComponent(reference)}`);
    expect(found).toContain(`${base}/${requestId}`);
    expect(await text(`${base}/export/csv`)).toContain(reference);
    expect(await text(`/back-office/authorities/spf/payments/export.csv`)).toContain(reference);
  });

  it('tells after sending what is due now, what comes next, by when and where to follow it', async () => {
    const { db } = testApp.database;
    const entry = await getServiceEntry(db, { slug: 'extrait-registre-poursuites' }, 'published');
    if (!entry) throw new Error('demo service missing');
    const version = await saveVersion(db, 'test', entry, { ...entry.content, formId, processingDays: 5 });
    await publishVersion(db, 'test', entry, version);
    const { submission, requestId } = await send('Attestation de séjour');
    actor = citizen;
    const confirmation = await text(`/forms/submissions/${submission.id}`);
    expect(confirmation).toContain('À payer maintenant : CHF\u00a030.50');
    expect(confirmation).toMatch(
      /<a class="button button--primary" href="\/payments\/[0-9a-f-]{36}">Payer CHF\u00a030.50<\/a>/,
    );
    const pay = await get(`/forms/submissions/${submission.id}/pay`);
    expect(pay.headers.get('Location')).toMatch(/^\/payments\/[0-9a-f-]{36}$/);
    expect(confirmation).toContain('Ensuite : votre demande est au statut « Émolument à payer »');
    expect(confirmation).toContain('Délai habituel : 5 jours ouvrables.');
    expect(confirmation).toContain(`href="/requests/${requestId}">Suivre ma demande</a>`);
  });
});
