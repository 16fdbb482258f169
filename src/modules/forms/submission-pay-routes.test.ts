import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { saveFeeOnArrival } from '../../../tests/support/fee-workflow.ts';
import { frenchLeaks, textInPageLanguage } from '../../../tests/support/page-language.ts';
import { createRequestForm, submitAnswers } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { openFromSubmission } from '../cases/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;
let other: PersonActor;
let feeForm = '';
let freeForm = '';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Roh' });
  other = await createCitizen(db, { givenNames: 'Noé', familyName: 'Praz' });
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  feeForm = (await createRequestForm(db, spf, 'Attestation')).id;
  freeForm = (await createRequestForm(db, spf, 'Sans frais')).id;
  await saveFeeOnArrival(db, feeForm, { amountCents: 3050, purpose: 'Émolument', paidTo: 'in_progress' });
});
afterAll(() => testApp.close());

const get = (path: string) => testApp.app.request(path, { redirect: 'manual' });
const statusOf = async (path: string) => (await get(`${path}/pay/status`)).json();

describe('"Pay" on a sent form, before the request’s job has asked the fee', () => {
  it('waits on a page that says so and can be asked again, then goes on to the payment once it is asked', async () => {
    const { db } = testApp.database;
    const submission = await submitAnswers(db, citizen, feeForm);
    const path = `/forms/submissions/${submission.id}`;
    actor = citizen;

    const waiting = await get(`${path}/pay`);
    expect(waiting.status).toBe(200);
    expect(waiting.headers.get('Cache-Control')).toBe('no-store');
    const html = await waiting.text();
    expect(html).toContain('<h1>Préparation du paiement</h1>');
    expect(html).toContain('Le paiement de CHF\u00a030.50 est en préparation');
    expect(html).toMatch(/<p role="status" data-pay-wait-status="true">Le paiement n’est pas encore prêt/);
    expect(html).toContain(
      `<a class="button button--primary" href="${path}/pay?again=1">Continuer vers le paiement</a>`,
    );
    expect(html).toMatch(/<script src="\/assets\/forms\/pay-wait\.\w+\.js" nonce=/);
    expect(html).not.toMatch(/http-equiv="?refresh/i);
    expect(await (await get(`${path}/pay?again=1`)).text()).toContain('Le paiement n’est toujours pas prêt.');
    for (const [language, words] of [
      ['de', 'Weiter zur Zahlung'],
      ['en', 'Continue to payment'],
    ]) {
      const text = textInPageLanguage(await (await get(`${path}/pay?lang=${language}`)).text());
      expect(text).toContain(words);
      expect(frenchLeaks(text)).toEqual([]);
    }
    const notYet = await get(`${path}/pay/status`);
    expect(notYet.headers.get('Cache-Control')).toBe('no-store');
    expect(await notYet.json()).toEqual({ ready: false });

    // Someone else learns nothing of it.
    actor = other;
    expect((await get(`${path}/pay`)).status).toBe(404);
    expect((await get(`${path}/pay/status`)).status).toBe(404);

    // The job opens the request and asks the fee (here called as the worker would).
    await openFromSubmission(db, submission.accountId, submission.id);
    actor = citizen;
    const ready = await statusOf(path);
    expect(ready).toEqual({ ready: true, location: expect.stringMatching(/^\/payments\/[0-9a-f-]{36}$/) });
    const pay = await get(`${path}/pay`);
    expect(pay.status).toBe(303);
    expect(pay.headers.get('Location')).toBe(ready.location);

    // Paid: nothing left to pay, "Pay" leads to the request, never back to the wait.
    await sql`update payments set status = 'paid' where id = ${ready.location.split('/').at(-1)}`.execute(db);
    const request = await statusOf(path);
    expect(request).toEqual({ ready: true, location: expect.stringMatching(/^\/requests\/[0-9a-f-]{36}$/) });
    expect((await get(`${path}/pay`)).headers.get('Location')).toBe(request.location);
  });

  it('leads back to the sent form when its workflow asks no fee', async () => {
    const submission = await submitAnswers(testApp.database.db, citizen, freeForm);
    actor = citizen;
    const path = `/forms/submissions/${submission.id}`;
    expect((await get(`${path}/pay`)).headers.get('Location')).toBe(path);
  });
});
