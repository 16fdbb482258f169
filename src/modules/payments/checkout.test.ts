import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { getPaymentOfAuthority, requestPayment } from './payments.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let actor: Actor | null = null;
let sion = '';
let valais = '';

beforeAll(async () => {
  server = await serveTestApp({ actor: () => actor });
  sion = (await getAuthorityBySlug(server.database.db, 'sion'))?.id ?? '';
  valais = (await getAuthorityBySlug(server.database.db, 'valais'))?.id ?? '';
});
afterAll(() => server?.close());

/** What the person does on a provider's page; the provider sends them back (a relative path here). */
async function onPage(paymentUrl: string, action: string) {
  const response = await fetch(paymentUrl, {
    method: 'POST',
    body: new URLSearchParams({ action, cardNumber: '4242424242424242' }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const back = new URL(response.headers.get('Location') ?? '');
  return back.pathname + back.search;
}

describe('one checkout for the fees of several authorities', () => {
  it('pays each creditor on its own provider in turn; a declined second fee leaves the first paid', async () => {
    const { db } = server.database;
    const citizen = await createCitizen(db, { givenNames: 'Marie', familyName: 'Zufferey' });
    actor = citizen;
    const link = '/requests/00000000-0000-4000-8000-000000000001';
    const ask = (authorityId: string, amountCents: number, purpose: string, n: number) =>
      db.transaction().execute((tx) =>
        requestPayment(tx, {
          authorityId,
          accountId: citizen.account.id,
          purpose: { fr: purpose },
          amountCents,
          source: `case:checkout-test:${n}`,
          link,
        }),
      );
    const dogTax = await ask(sion, 10_000, 'Taxe des chiens', 1);
    const cantonal = await ask(valais, 2500, 'Émolument cantonal', 2);
    const person = httpClient(server.app);
    const checkoutPath = `/payments/checkout?for=${encodeURIComponent(link)}`;

    const single = await (await person.get(`/payments/${dogTax.id}`)).text();
    expect(single).toContain('Ville de Sion, Service des finances');
    expect(single).toContain('Payer les 2 émoluments de cette démarche');

    let page = await (await person.get(checkoutPath)).text();
    expect(page).toContain('0 sur 2 payés');
    expect(page).toContain('Paiement 1 sur 2');
    expect(page).toContain('Paiement par Worldline Saferpay');
    expect(page).toContain('Paiement par Datatrans');
    expect(page).toMatch(/Payer CHF\s100\.00 à Ville de Sion, Service des finances/);

    // Sion's fee, to Sion's merchant at Saferpay, with TWINT.
    const first = await person.post(`/payments/${dogTax.id}/checkout`, {
      back: checkoutPath,
      method: 'twint',
    });
    const saferpayPage = first.headers.get('Location') ?? '';
    expect(saferpayPage.startsWith(`${server.url}/simulators/saferpay/vt/`)).toBe(true);
    expect(await (await fetch(saferpayPage)).text()).toContain('TWINT');
    expect(await onPage(saferpayPage, 'pay')).toBe(checkoutPath);

    page = await (await person.get(checkoutPath)).text();
    expect(page).toContain('1 sur 2 payés');
    expect(page).toMatch(/Payer CHF\s25\.00 à État du Valais/);
    expect((await getPaymentOfAuthority(db, sion, dogTax.id))?.status).toBe('paid');

    // The canton's fee, to the canton's merchant at Datatrans: declined.
    const second = await person.post(`/payments/${cantonal.id}/checkout`, {
      back: checkoutPath,
      method: 'card',
    });
    const datatransPage = second.headers.get('Location') ?? '';
    expect(datatransPage.startsWith(`${server.url}/simulators/datatrans/pay/v1/start/`)).toBe(true);
    expect(await onPage(datatransPage, 'decline')).toContain('/payments/checkout');
    page = await (await person.get(checkoutPath)).text();
    expect(page).toContain('1 sur 2 payés');
    expect(page).toContain('Le paiement n’a pas abouti');
    expect((await getPaymentOfAuthority(db, sion, dogTax.id))?.status).toBe('paid');
    expect(await getPaymentOfAuthority(db, valais, cantonal.id)).toMatchObject({
      status: 'open',
      last_outcome: 'failed',
    });

    // Another person's fees are not listed, nor payable from here.
    actor = await createCitizen(db, { givenNames: 'Eve', familyName: 'Autre' });
    expect(await (await httpClient(server.app).get(checkoutPath)).text()).not.toContain('Taxe des chiens');
  });
});

describe('the payment settings page', () => {
  it('lets the authority’s administrator change them, refusing a bad IBAN, and no one else', async () => {
    const admin = staffActor(sion, 'authorityAdmin');
    actor = admin;
    const client = httpClient(server.app);
    const path = '/back-office/authorities/sion/payments/settings';
    const form = await (await client.get(path)).text();
    expect(form).toContain('API_245678_17757531');
    expect(form).not.toContain('simulator-sion');
    const fields = {
      provider: 'saferpay',
      customerId: '245678',
      terminalId: '17757531',
      apiUser: 'API_245678_17757531',
      apiPassword: '',
      name: 'Ville de Sion',
      street: 'Rue de Lausanne',
      buildingNumber: '23',
      postalCode: '1950',
      town: 'Sion',
      country: 'CH',
      iban: 'CH6300243000056789013',
      qrIban: '',
      accountingCodes: 'default = 4260',
    };
    const refused = await client.post(path, fields);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Cet IBAN n’est pas valable');
    const saved = await client.post(path, { ...fields, iban: 'CH6300243000056789012' });
    expect(saved.status).toBe(303);
    expect(await (await client.get(saved.headers.get('Location') ?? '')).text()).toContain(
      'Réglages enregistrés.',
    );

    actor = staffActor(sion, 'agent');
    expect((await httpClient(server.app).get(path)).status).toBe(404);
    actor = staffActor(valais, 'authorityAdmin');
    expect((await httpClient(server.app).get(path)).status).toBe(404);
  });
});
