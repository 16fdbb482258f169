import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, personActor, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { startTestWorker } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { datatrans, signature } from './datatrans.ts';
import { cancelUnpaid, getPaymentOfAuthority, type Payment, requestPayment } from './payments.ts';
import { checkout } from './provider-transactions.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let actor: Actor | null = null;
let citizen: PersonActor;
let sion = '';
let sierre = '';
/** How far the platform's clock runs ahead (the reconciliation job is tested by moving it). */
let clockAhead = 0;

beforeAll(async () => {
  server = await serveTestApp({ actor: () => actor, now: () => new Date(Date.now() + clockAhead) });
  const { db } = server.database;
  worker = await startTestWorker(server);
  citizen = await createCitizen(
    db,
    { givenNames: 'Lena', familyName: 'Zufferey', email: 'lena@example.ch' },
    'substantial',
  );
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  sierre = (await getAuthorityBySlug(db, 'sierre'))?.id ?? '';
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

let sources = 0;
const fee = (amountCents = 5000) =>
  requestPayment(server.database.db, {
    authorityId: sion,
    accountId: citizen.account.id,
    purpose: { fr: 'Taxe de chien 2027', de: 'Hundesteuer 2027' },
    amountCents,
    source: `test:${++sources}`,
    link: '/my',
  });

/** What a person does on the provider's page: pays with a card, or cancels. Returns where they land. */
async function atProvider(paymentUrl: string, action: 'pay' | 'cancel', cardNumber = '4242424242424242') {
  expect((await fetch(paymentUrl)).status).toBe(200);
  const response = await fetch(paymentUrl, {
    method: 'POST',
    body: new URLSearchParams({ action, cardNumber }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  return new URL(response.headers.get('Location') ?? '');
}

const getPayment = (db: typeof server.database.db, id: string) => getPaymentOfAuthority(db, sion, id);
const statusOf = async (payment: Payment) => (await getPayment(server.database.db, payment.id))?.status;

/** The audited changes of a payment, oldest first. */
async function auditTrail(payment: Payment) {
  const { rows } = await sql<{ action: string }>`
    select action from audit_events where subject_type = 'payment' and subject_id = ${payment.id} order by id`.execute(
    server.database.db,
  );
  return rows.map((r) => r.action);
}

async function until(condition: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition never held');
}

describe('payments', () => {
  it('are paid on the provider’s page, confirmed by its signed webhook, once, after a declined card', async () => {
    const payment = await fee();
    actor = citizen;
    const person = httpClient(server.app);
    const page = await (await person.get(`/payments/${payment.id}`)).text();
    expect(page).toContain('Taxe de chien 2027');
    const told = await sql<{ event: string; link: string }>`
      select event, link from notifications where source = ${`payment:${payment.id}`}`.execute(
      server.database.db,
    );
    expect(told.rows).toEqual([{ event: 'paymentDue', link: `/payments/${payment.id}` }]);
    expect(page).toMatch(/Payer CHF\s50\.00 en ligne/);

    const first = await person.post(`/payments/${payment.id}/checkout`, {});
    expect(first.status).toBe(303);
    const declined = await atProvider(first.headers.get('Location') ?? '', 'pay', '4000000000000002');
    expect(declined.pathname).toBe(`/payments/${payment.id}`);
    const afterDecline = await (await person.get(declined.pathname)).text();
    expect(afterDecline).toContain('n’a pas abouti');
    expect(await statusOf(payment)).toBe('open');

    const second = await person.post(`/payments/${payment.id}/checkout`, {});
    const paymentUrl = second.headers.get('Location') ?? '';
    expect(paymentUrl).not.toBe(first.headers.get('Location')); // a fresh transaction
    const back = await atProvider(paymentUrl, 'pay');
    // The return and the webhook race each other: the payment is recorded paid once.
    const landed = await (await person.get(back.pathname)).text();
    await until(async () => (await statusOf(payment)) === 'paid');
    await until(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from payment_events where payment_id = ${payment.id} and kind = 'webhook'`.execute(
        server.database.db,
      );
      return (rows[0]?.n ?? 0) >= 2; // the declined attempt's and the settled one's
    });
    expect(landed).toContain('Payé le'); // the return asks the provider: paid at once, webhook or not
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events where action = 'payment.settled' and subject_id = ${payment.id}`.execute(
      server.database.db,
    );
    expect(rows[0]?.n).toBe(1);
    expect(await auditTrail(payment)).toEqual([
      'payment.requested',
      'payment.initiated',
      'payment.failed',
      'payment.initiated',
      'payment.settled',
    ]);
    expect((await person.post(`/payments/${payment.id}/checkout`, {})).headers.get('Location')).toBe(
      `/payments/${payment.id}`,
    );
  });

  it('trust only webhooks signed with the merchant’s key, and never a settled amount that differs', async () => {
    const payment = await fee(3250);
    const config = server.config.payments;
    if (!config) throw new Error('demo mode has the simulator');
    await checkout(server.database.db, datatrans(config), payment, {
      returnUrl: `${server.url}/payments/${payment.id}`,
      notifyUrl: 'http://127.0.0.1:9/nowhere', // this test delivers the webhooks itself
      language: 'fr',
      actor: 'test',
    });
    const pending = await getPayment(server.database.db, payment.id);
    const body = (amount: number) =>
      JSON.stringify({
        transactionId: pending?.provider_transaction_id,
        type: 'payment',
        status: 'settled',
        currency: 'CHF',
        refno: payment.refno,
        detail: { settle: { amount } },
      });
    const post = (raw: string, key = config.signKey) => {
      const t = String(Date.now());
      return fetch(`${server.url}/payments/webhooks/datatrans`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Datatrans-Signature': `t=${t},s0=${signature(key, t, raw)}`,
        },
        body: raw,
      });
    };
    expect((await post(body(3250), 'ab'.repeat(32))).status).toBe(401);
    expect((await post(body(1))).status).toBe(200);
    expect(await statusOf(payment)).toBe('pending'); // CHF 0.01 is not the fee
    expect((await post(body(3250))).status).toBe(200);
    expect(await statusOf(payment)).toBe('paid');
  });

  it('left pending without any webhook are asked about by the reconciliation job', async () => {
    const payment = await fee(1200);
    const config = server.config.payments;
    if (!config) throw new Error('demo mode has the simulator');
    const provider = datatrans(config);
    const started = await checkout(server.database.db, provider, payment, {
      returnUrl: `${server.url}/payments/${payment.id}`,
      notifyUrl: 'http://127.0.0.1:9/nowhere', // the webhook is lost
      language: 'fr',
      actor: 'test',
    });
    if (!('paymentUrl' in started)) throw new Error('not paid yet');
    await atProvider(started.paymentUrl, 'pay'); // and the person closes the window
    expect(await statusOf(payment)).toBe('pending');
    clockAhead = 20 * 60_000;
    try {
      await enqueue(server.database.db, 'payments:reconcile-pending', {});
      await until(async () => (await statusOf(payment)) === 'paid');
    } finally {
      clockAhead = 0;
    }
  });

  it('record an earlier attempt paid in another window, and flag a second paid attempt for refund', async () => {
    const payment = await fee(4500);
    const config = server.config.payments;
    if (!config) throw new Error('demo mode has the simulator');
    const provider = datatrans(config);
    const urls = {
      returnUrl: `${server.url}/payments/${payment.id}`,
      notifyUrl: `${server.url}/payments/webhooks/datatrans`,
      language: 'fr',
      actor: 'test',
    };
    const first = await checkout(server.database.db, provider, payment, urls);
    // Half an hour later the first attempt has expired for Guichet, and the person starts again…
    await sql`update payments set updated_at = now() - interval '30 minutes' where id = ${payment.id}`.execute(
      server.database.db,
    );
    const second = await checkout(
      server.database.db,
      provider,
      (await getPayment(server.database.db, payment.id)) as Payment,
      urls,
    );
    if (!('paymentUrl' in first) || !('paymentUrl' in second)) throw new Error('not paid yet');
    expect(second.paymentUrl).not.toBe(first.paymentUrl);
    // …but pays the first one, still open in another window, then the second one too.
    await atProvider(first.paymentUrl, 'pay');
    await until(async () => (await statusOf(payment)) === 'paid');
    await atProvider(second.paymentUrl, 'pay');
    await until(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from payment_events where payment_id = ${payment.id} and kind = 'duplicate'`.execute(
        server.database.db,
      );
      return rows[0]?.n === 1;
    });
    const paid = await getPayment(server.database.db, payment.id);
    expect(first.paymentUrl.endsWith(`/${paid?.provider_transaction_id}`)).toBe(true);

    // The commune's administrator sees it flagged and gives back the second payment, then the first.
    const base = '/back-office/authorities/sion/payments';
    actor = staffActor(sion, 'authorityAdmin');
    const admin = httpClient(server.app);
    expect(await (await admin.get(`${base}?status=paid`)).text()).toContain('En double ou autre montant');
    const bytes = Buffer.from(await (await admin.get(`${base}/export.csv`)).arrayBuffer());
    // For a Swiss spreadsheet: BOM, `;`, the status in words, francs.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain(`"${payment.refno}";"${payment.refno}";"Payé";"45.00";"0.00"`);
    const page = await (await admin.get(`${base}/${payment.id}`)).text();
    const duplicate = second.paymentUrl.split('/').at(-1) ?? '';
    const original = paid?.provider_transaction_id ?? '';
    expect(page).toContain('payée en double');
    // The history says what happened in words, not the log's codes (`initiated`, `webhook`, `settled`).
    expect(page).toContain('Paiement commencé chez le prestataire');
    expect(page).toContain('réglée');
    expect(page).not.toMatch(/<td[^>]*>(initiated|webhook|settled)<\/td>/);
    // Asked first on a page of its own, with the reason, then confirmed.
    const refund = async (transactionId: string, amount: string, reason = 'Payé deux fois') => {
      const query = new URLSearchParams({ transactionId, [`amount-${transactionId}`]: amount });
      const asked = await admin.get(`${base}/${payment.id}/refund?${query}`);
      if (asked.status !== 200) return asked;
      expect(await asked.text()).toContain('Un remboursement ne peut pas être annulé');
      return admin.post(`${base}/${payment.id}/refund`, { transactionId, amount, reason });
    };
    const refundsDone = async (n: number) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from payment_refunds where payment_id = ${payment.id} and state = 'refunded'`.execute(
        server.database.db,
      );
      return rows[0]?.n === n;
    };
    expect((await refund(duplicate, '45.01')).status).toBe(422); // more than was paid twice
    const noReason = await refund(duplicate, '45.00', ' ');
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Indiquez le motif du remboursement');
    expect((await refund(duplicate, '45.00')).status).toBe(303);
    // Requested at once, then given back by the job: nothing left of it even before the provider answers.
    expect((await refund(duplicate, '1.00')).status).toBe(422);
    await until(() => refundsDone(1));
    expect((await getPayment(server.database.db, payment.id))?.status).toBe('paid');
    await admin.get(`${base}/${payment.id}`);
    expect((await refund(duplicate, '1.00')).status).toBe(422); // nothing left of it
    expect((await refund(original, '45', 'Demande retirée')).status).toBe(303);
    const reasons = await sql<{ reason: string }>`
      select details->>'reason' as reason from audit_events
      where action = 'payment.refund.requested' and subject_id = ${payment.id} order by id`.execute(
      server.database.db,
    );
    expect(reasons.rows.map((r) => r.reason)).toEqual(['Payé deux fois', 'Demande retirée']);
    const shown = await (await admin.get(`${base}/${payment.id}`)).text();
    expect(shown).toContain('Payé deux fois');
    expect(shown).toContain('Demande retirée');
    await until(() => refundsDone(2));
    expect((await getPayment(server.database.db, payment.id))?.status).toBe('refunded');
    const refundsTold = await sql<{ n: number }>`
      select count(*)::int as n from notifications where source like 'refund:%' and link = ${`/payments/${payment.id}`}`.execute(
      server.database.db,
    );
    expect(refundsTold.rows[0]?.n).toBe(2); // the duplicate given back, then the fee
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events where action = 'payment.refund.refunded' and subject_id = ${payment.id}`.execute(
      server.database.db,
    );
    expect(rows[0]?.n).toBe(2);

    actor = staffActor(sion, 'agent'); // agents see payments, administrators refund them
    const agent = httpClient(server.app);
    await agent.get(`${base}/${payment.id}`);
    expect((await agent.post(`${base}/${payment.id}/refund`, { transactionId: original })).status).toBe(404);
    actor = staffActor(sierre, 'authorityAdmin');
    expect(
      (await httpClient(server.app).get(`/back-office/authorities/sierre/payments/${payment.id}`)).status,
    ).toBe(404);
    actor = citizen;
    const citizenPage = await (await httpClient(server.app).get(`/payments/${payment.id}`)).text();
    expect(citizenPage).toContain('Remboursé');
    expect(citizenPage).not.toContain('en ligne</button>');
  });

  it('are cancelled, audited, when what they were asked for ended unpaid', async () => {
    const payment = await fee(900);
    await server.database.db.transaction().execute((tx) => cancelUnpaid(tx, payment.source));
    expect(await statusOf(payment)).toBe('cancelled');
    expect(await auditTrail(payment)).toEqual(['payment.requested', 'payment.cancelled']);
  });

  it('are shown only to the account’s people', async () => {
    const payment = await fee();
    actor = personActor();
    expect((await httpClient(server.app).get(`/payments/${payment.id}`)).status).toBe(404);
    actor = citizen;
    const list = await (await httpClient(server.app).get('/payments')).text();
    expect(list).toContain(payment.refno);
    expect(await (await httpClient(server.app).get('/my')).text()).toContain('À payer');
  });

  it.each([
    ['fr', 'Paiement'],
    ['de', 'Zahlung'],
    ['en', 'Payment'],
  ])(
    'keep their reference whole in the %s heading, for staff too (a phone broke it at its hyphen)',
    async (lang, word) => {
      const payment = await requestPayment(server.database.db, {
        authorityId: sion,
        accountId: citizen.account.id,
        purpose: { fr: 'Taxe de chien 2027' },
        amountCents: 5000,
        source: `test:${++sources}`,
        reference: '2026-000002',
        link: '/my',
      });
      const heading = `<h1>${word} <span class="nowrap">2026-000002</span></h1>`;
      actor = citizen;
      expect(
        await (await httpClient(server.app).get(`/payments/${payment.id}?lang=${lang}`)).text(),
      ).toContain(heading);
      actor = staffActor(sion, 'authorityAdmin');
      const staffPage = await httpClient(server.app).get(
        `/back-office/authorities/sion/payments/${payment.id}?lang=${lang}`,
      );
      expect(await staffPage.text()).toContain(heading);
    },
  );
});
