import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { datatrans, signature } from './datatrans.ts';
import { getPaymentOfAuthority, type Payment, requestPayment } from './payments.ts';
import { checkout } from './provider-transactions.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let sion = '';
let accountId = '';

beforeAll(async () => {
  server = await serveTestApp();
  const { db } = server.database;
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  accountId = (await createCitizen(db, { givenNames: 'Paul', familyName: 'Favre', email: 'paul@example.ch' }))
    .account.id;
});
afterAll(() => server?.close());

let sources = 0;
/** A fee at the provider, waiting for its webhook (the simulator's own is sent nowhere). */
async function pendingFee(): Promise<Payment> {
  const { db } = server.database;
  const config = server.config.payments;
  if (!config) throw new Error('demo mode has the simulator');
  const payment = await db.transaction().execute((tx) =>
    requestPayment(tx, {
      authorityId: sion,
      accountId,
      purpose: { fr: 'Émolument' },
      amountCents: 4000,
      source: `webhook-test:${++sources}`,
      link: '/my',
    }),
  );
  await checkout(db, datatrans(config), payment, {
    returnUrl: `${server.url}/payments/${payment.id}`,
    notifyUrl: 'http://127.0.0.1:9/nowhere',
    language: 'fr',
    actor: 'test',
  });
  return (await getPaymentOfAuthority(db, sion, payment.id)) as Payment;
}

const settled = (payment: Payment, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    transactionId: payment.provider_transaction_id,
    type: 'payment',
    status: 'settled',
    currency: 'CHF',
    refno: payment.refno,
    detail: { settle: { amount: payment.amount_cents } },
    ...extra,
  });

const post = (body: string, header: string) =>
  fetch(`${server.url}/payments/webhooks/datatrans`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Datatrans-Signature': header },
    body,
  });

const signed = (body: string, t = String(Date.now())) =>
  `t=${t},s0=${signature(server.config.payments?.signKey ?? '', t, body)}`;

async function webhooksRecorded(payment: Payment) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from payment_events where payment_id = ${payment.id} and kind = 'webhook'`.execute(
    server.database.db,
  );
  return rows[0]?.n;
}

describe('the payment webhook', () => {
  it('refuses a webhook signed with a timestamp from 2001', async () => {
    const payment = await pendingFee();
    const body = settled(payment);
    const response = await post(body, signed(body, String(Date.UTC(2001, 0, 15))));
    expect([response.status, await response.json()]).toEqual([401, { error: 'stale' }]);
    expect(await webhooksRecorded(payment)).toBe(0);
    expect((await getPaymentOfAuthority(server.database.db, sion, payment.id))?.status).toBe('pending');
  });

  it('processes the same webhook posted twice once', async () => {
    const payment = await pendingFee();
    const body = settled(payment);
    const header = signed(body);
    expect((await post(body, header)).status).toBe(200);
    const replay = await post(body, header);
    expect([replay.status, await replay.json()]).toEqual([409, { error: 'replay' }]);
    expect(await webhooksRecorded(payment)).toBe(1);
    expect((await getPaymentOfAuthority(server.database.db, sion, payment.id))?.status).toBe('paid');
  });

  it('processes the resent webhook whose first delivery a crash cut short, and only then refuses it', async () => {
    const payment = await pendingFee();
    const body = settled(payment);
    const header = signed(body);
    const s0 = header.split('s0=')[1] ?? '';
    // Taken in hand by another instance right now: a replay until it is done.
    await sql`insert into payment_webhook_signatures (signature, expires_at, received_at)
      values (${s0}, now() + interval '10 minutes', now())`.execute(server.database.db);
    expect((await post(body, header)).status).toBe(409);
    // Taken two minutes ago and never applied: that process died; the provider's resend is processed.
    await sql`update payment_webhook_signatures set received_at = now() - interval '2 minutes'
      where signature = ${s0}`.execute(server.database.db);
    expect((await post(body, header)).status).toBe(200);
    expect((await getPaymentOfAuthority(server.database.db, sion, payment.id))?.status).toBe('paid');
    expect((await post(body, header)).status).toBe(409);
    expect(await webhooksRecorded(payment)).toBe(1);
  });

  it('answers 413 to a body larger than a transaction ever is', async () => {
    const payment = await pendingFee();
    const body = settled(payment, { padding: 'x'.repeat(70 * 1024) });
    expect((await post(body, signed(body))).status).toBe(413);
    expect(await webhooksRecorded(payment)).toBe(0);
  });
});
