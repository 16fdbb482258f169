import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { requestPayment } from './payments.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;
let sion = '';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  citizen = await createCitizen(testApp.database.db, { givenNames: 'Lena', familyName: 'Zufferey' });
  sion = (await getAuthorityBySlug(testApp.database.db, 'sion'))?.id ?? '';
});
afterAll(() => testApp?.close());

const fee = (source: string, reference?: string) =>
  requestPayment(testApp.database.db, {
    authorityId: sion,
    accountId: citizen.account.id,
    purpose: { fr: 'Émolument' },
    amountCents: 2000,
    source,
    link: '/requests/abc',
    ...(reference ? { reference } : {}),
  });

const page = async (path: string) => {
  const response = await testApp.app.request(path);
  expect(response.status).toBe(200);
  return response.text();
};

describe('the link from a payment back to what it pays for', () => {
  it('names the request by its reference when the payment is a request’s, in fr, de and en', async () => {
    actor = citizen;
    const payment = await fee(`case:abc:granted:${Date.now()}`, 'SION-2026-000042');
    const link = (html: string) => html.match(/<a href="\/requests\/abc">(.*?)<\/a>/s)?.[1] ?? '';
    expect(link(await page(`/payments/${payment.id}`))).toMatch(
      /^Voir ma demande <span class="nowrap">SION-2026-000042<\/span>$/,
    );
    expect(link(await page(`/payments/${payment.id}?lang=de`))).toContain('Mein Gesuch');
    expect(link(await page(`/payments/${payment.id}?lang=en`))).toContain('See my request');
  });

  it('keeps the general wording when the source is not a request or has no reference', async () => {
    actor = citizen;
    const other = await fee(`message:${Date.now()}`, 'M-1');
    expect(await page(`/payments/${other.id}`)).toContain('>Ce que ce paiement concerne</a>');
    const unnamed = await fee(`case:abc:message:${Date.now()}`);
    expect(await page(`/payments/${unnamed.id}`)).toContain('>Ce que ce paiement concerne</a>');
  });
});
