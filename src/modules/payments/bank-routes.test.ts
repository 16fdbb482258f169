import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camt054 } from '../../../tests/support/camt054.ts';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createApiClient } from '../integration/index.ts';
import { getPaymentOfAuthority, type Payment, requestPayment } from './payments.ts';
import { bankSlipOf } from './qr-bill-send.ts';

let app: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;
let sion = '';
let sionApp: Actor;
let valaisApp: Actor;

beforeAll(async () => {
  app = await createTestApp({ actor: () => actor });
  const { db } = app.database;
  citizen = await createCitizen(
    db,
    { givenNames: 'Eva', familyName: 'Praz', email: 'eva@example.ch' },
    'substantial',
  );
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  const valais = (await getAuthorityBySlug(db, 'valais'))?.id ?? '';
  // The app resolves the actor given here (as it would from each application's API key).
  sionApp = {
    kind: 'apiClient',
    id: (
      await createApiClient(db, 'test', {
        authorityId: sion,
        name: 'Finances',
        scopes: ['payments:write'],
        mode: 'live',
      })
    ).id,
    authorityId: sion,
    scopes: ['payments:write'],
  };
  valaisApp = {
    kind: 'apiClient',
    id: (
      await createApiClient(db, 'test', {
        authorityId: valais,
        name: 'Finances',
        scopes: ['payments:write'],
        mode: 'live',
      })
    ).id,
    authorityId: valais,
    scopes: ['payments:write'],
  };
});
afterAll(() => app?.close());

let n = 0;
const fee = () =>
  app.database.db.transaction().execute((tx) =>
    requestPayment(tx, {
      authorityId: sion,
      accountId: citizen.account.id,
      purpose: { fr: 'Taxe de chien 2027' },
      amountCents: 3000,
      source: `bank-routes:${++n}`,
      link: '/payments',
    }),
  );
const statusOf = async (payment: Payment) =>
  (await getPaymentOfAuthority(app.database.db, sion, payment.id))?.status;

describe('pay by bank transfer', () => {
  it('the person asks for a QR-bill; the fee then waits for the transfer, with its reference', async () => {
    const payment = await fee();
    actor = citizen;
    const person = httpClient(app.app);
    const page = await (await person.get(`/payments/${payment.id}`)).text();
    expect(page).toContain('Payer par virement bancaire');
    const sent = await person.post(`/payments/${payment.id}/bank-transfer`, {});
    expect(sent.status).toBe(303);
    const after = await (await person.get(`/payments/${payment.id}`)).text();
    expect(after).toContain('En attente du virement');
    expect(after).toContain('Ouvrir la QR-facture');
    expect(await (await person.get('/payments')).text()).toContain('En attente du virement');
    const slip = await bankSlipOf(app.database.db, sion, payment.id);
    expect(slip?.reference_type).toBe('QRR');
    expect(slip?.document_id).toBeTruthy();
    // Asking again sends nothing new.
    await person.post(`/payments/${payment.id}/bank-transfer`, {});
    expect((await bankSlipOf(app.database.db, sion, payment.id))?.reference).toBe(slip?.reference);
  });

  it('an agent sends one from the back office (audited); another authority’s staff cannot', async () => {
    const payment = await fee();
    actor = staffActor((await getAuthorityBySlug(app.database.db, 'sierre'))?.id ?? '', 'authorityAdmin');
    const other = httpClient(app.app);
    await other.get('/back-office/authorities/sierre/payments');
    expect(
      (await other.post(`/back-office/authorities/sion/payments/${payment.id}/qr-bill`, {})).status,
    ).toBe(404);
    actor = staffActor(sion, 'agent');
    const agent = httpClient(app.app);
    await agent.get(`/back-office/authorities/sion/payments/${payment.id}`);
    const sent = await agent.post(`/back-office/authorities/sion/payments/${payment.id}/qr-bill`, {});
    expect(sent.headers.get('Location')).toContain('?qrBill=sent');
    expect(await (await agent.get(sent.headers.get('Location') ?? '')).text()).toContain(
      'La QR-facture a été déposée',
    );
  });
});

describe('bank notifications', () => {
  async function billed() {
    const payment = await fee();
    actor = staffActor(sion, 'agent');
    const agent = httpClient(app.app);
    await agent.get(`/back-office/authorities/sion/payments/${payment.id}`);
    await agent.post(`/back-office/authorities/sion/payments/${payment.id}/qr-bill`, {});
    const slip = await bankSlipOf(app.database.db, sion, payment.id);
    if (!slip) throw new Error('no slip');
    return { payment, slip };
  }
  const xmlFor = (slip: { reference: string; creditor_account: string }, ref: string, cents = 3000) =>
    camt054({
      version: '04',
      account: slip.creditor_account,
      messageId: `API-${ref}`,
      entries: [{ servicerRef: ref, amountCents: cents, reference: slip.reference }],
    });
  const post = (body: string, caller = sionApp) => {
    actor = caller;
    return app.app.request('/api/v1/bank-notifications', {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml', 'Idempotency-Key': randomUUID() },
      body,
    });
  };

  it('the authority’s application posts a camt.054: 201 and settled, the same again 200 and nothing done', async () => {
    const { payment, slip } = await billed();
    const first = await post(xmlFor(slip, 'API-1'));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ credits: 1, outcomes: { settled: 1 } });
    expect(await statusOf(payment)).toBe('paid');
    const again = await post(xmlFor(slip, 'API-1'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ credits: 0, known: 1 });
  });

  it('refuses a malformed file (422, nothing imported), no application (401), and matches only its own authority', async () => {
    const { payment, slip } = await billed();
    const broken = await post(xmlFor(slip, 'API-2').replace('</Document>', ''));
    expect(broken.status).toBe(422);
    expect(broken.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await broken.json()).toMatchObject({ code: 'invalid_camt054', status: 422 });
    const anonymous = () =>
      app.app.request('/api/v1/bank-notifications', { method: 'POST', body: xmlFor(slip, 'API-2') });
    actor = null;
    expect((await anonymous()).status).toBe(401);
    actor = staffActor(sion, 'authorityAdmin');
    expect((await anonymous()).status).toBe(401);
    const canton = await post(xmlFor(slip, 'API-3'), valaisApp);
    expect(await canton.json()).toMatchObject({ outcomes: { unmatched: 1 } });
    expect(await statusOf(payment)).toBe('open');
  });

  it('takes the file as it is: a repeat with its Idempotency-Key answers the same, another file under it is refused', async () => {
    const { slip } = await billed();
    actor = sionApp;
    const send = (body: string, key: string, type = 'application/xml') =>
      app.app.request('/api/v1/bank-notifications', {
        method: 'POST',
        headers: { 'Content-Type': type, 'Idempotency-Key': key },
        body,
      });
    const file = xmlFor(slip, 'IDEM-1');
    const first = await send(file, 'camt-idem-0001');
    expect(first.status).toBe(201);
    const again = await send(file, 'camt-idem-0001');
    expect([again.status, await again.json()]).toEqual([201, await first.clone().json()]);
    expect((await send(xmlFor(slip, 'IDEM-2'), 'camt-idem-0001')).status).toBe(422);
    const json = await send('{"camt":"no"}', 'camt-idem-0002', 'application/json');
    expect([json.status, json.headers.get('Content-Type')]).toEqual([415, 'application/problem+json']);
  });

  it('staff: agents see the credits to check, only the administrator imports and resolves', async () => {
    const { payment, slip } = await billed();
    const file = () => new File([xmlFor(slip, 'UP-1', 1000)], 'camt.xml', { type: 'application/xml' });
    actor = staffActor(sion, 'agent');
    const agent = httpClient(app.app);
    const page = await (await agent.get('/back-office/authorities/sion/bank-transfers')).text();
    expect(page).not.toContain('Importer');
    expect((await agent.post('/back-office/authorities/sion/bank-transfers', { camt: file() })).status).toBe(
      404,
    );
    actor = staffActor(sion, 'authorityAdmin');
    const admin = httpClient(app.app);
    await admin.get('/back-office/authorities/sion/bank-transfers');
    const missing = await admin.post('/back-office/authorities/sion/bank-transfers', {});
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Choisissez le fichier camt.054');
    const malformed = await admin.post('/back-office/authorities/sion/bank-transfers', {
      camt: new File(['<Document>'], 'camt.xml'),
    });
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain('rien n’a été importé');
    const imported = await (
      await admin.post('/back-office/authorities/sion/bank-transfers', { camt: file() })
    ).text();
    expect(imported).toContain('Crédits nouveaux : 1');
    expect(imported).toContain('Partiel : CHF');
    const credit = /bank-transfers\/([0-9a-f-]{36})\/resolve/.exec(imported)?.[1] ?? '';
    actor = staffActor(sion, 'agent');
    expect(
      (
        await agent.post(`/back-office/authorities/sion/bank-transfers/${credit}/resolve`, {
          resolution: 'settled',
        })
      ).status,
    ).toBe(404);
    actor = staffActor(sion, 'authorityAdmin');
    const resolved = await admin.post(`/back-office/authorities/sion/bank-transfers/${credit}/resolve`, {
      resolution: 'settled',
    });
    expect(resolved.status).toBe(303);
    expect(await statusOf(payment)).toBe('paid');
  });
});
