import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { datatrans } from './datatrans.ts';
import { getPaymentOfAuthority, type Payment, requestPayment } from './payments.ts';
import { type PaymentProvider, ProviderAnswer } from './provider.ts';
import { applyTransaction, checkout } from './provider-transactions.ts';
import { askRefund, type Refund, refundables, requestRefund } from './refunds.ts';

// No worker runs here: each test runs the refund job's work itself, crashing it where it wants.
let server: Awaited<ReturnType<typeof serveTestApp>>;
let provider: PaymentProvider;
let accountId = '';
let sion = '';

beforeAll(async () => {
  server = await serveTestApp();
  const { db } = server.database;
  accountId = (await createCitizen(db, { givenNames: 'Aline', familyName: 'Rey', email: 'aline@example.ch' }))
    .account.id;
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  if (!server.config.payments) throw new Error('demo mode has the simulator');
  provider = datatrans(server.config.payments);
});
afterAll(() => server?.close());

let sources = 0;
/** A fee paid on the simulator's page and recorded as paid. */
async function paidFee(amountCents: number): Promise<Payment> {
  const { db } = server.database;
  const payment = await db.transaction().execute((tx) =>
    requestPayment(tx, {
      authorityId: sion,
      accountId,
      purpose: { fr: 'Émolument' },
      amountCents,
      source: `refund-test:${++sources}`,
      link: '/my',
    }),
  );
  const started = await checkout(db, provider, payment, {
    returnUrl: `${server.url}/payments/${payment.id}`,
    notifyUrl: 'http://127.0.0.1:9/nowhere',
    language: 'fr',
    actor: 'test',
  });
  if (!('paymentUrl' in started)) throw new Error('already paid');
  await fetch(started.paymentUrl, {
    method: 'POST',
    body: new URLSearchParams({ action: 'pay', cardNumber: '4242424242424242' }),
    redirect: 'manual',
  });
  const pending = (await getPaymentOfAuthority(db, sion, payment.id)) as Payment;
  return applyTransaction(
    db,
    pending,
    await provider.status(pending.provider_transaction_id ?? ''),
    'checked',
  );
}

async function requested(payment: Payment, amountCents = payment.amount_cents): Promise<Refund> {
  const refund = await requestRefund(server.database.db, sion, payment.id, {
    transactionId: payment.provider_transaction_id ?? '',
    amountCents,
    reason: 'Demande retirée',
    actor: 'person:test',
  });
  if (refund === 'too_much') throw new Error('refused');
  return refund;
}

/** The credits the provider made from a transaction (the simulator lists them in its history). */
async function creditsAtProvider(payment: Payment) {
  const status = (await provider.status(payment.provider_transaction_id ?? '')) as {
    history?: { action: string; amount: number }[];
  };
  return (status.history ?? []).filter((h) => h.action === 'credit').map((h) => h.amount);
}

async function count(query: string, id: string) {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.raw(query)} ${sql.lit(id)}`.execute(server.database.db);
  return rows[0]?.n;
}

/** A provider whose calls are counted, and that fails before or after really asking. */
function provider$(fail?: 'before' | 'after' | 'unreachable' | 'refuses') {
  const calls: string[] = [];
  const wrapped: Pick<PaymentProvider, 'refund' | 'idempotencyWindowMs'> = {
    idempotencyWindowMs: provider.idempotencyWindowMs,
    async refund(transactionId, request, key) {
      calls.push(key);
      if (fail === 'before') throw new Error('the worker died before asking');
      if (fail === 'unreachable') throw new TypeError('fetch failed');
      if (fail === 'refuses') throw new ProviderAnswer(400, 'cannot credit');
      const credit = await provider.refund(transactionId, request, key);
      if (fail === 'after') throw new Error('the worker died after the provider answered');
      return credit;
    },
  };
  return { wrapped, calls };
}

const attempt = (number: number) => ({ number, max: 8 });

describe('refunds', () => {
  it('survive a crash after the provider answered: run again, they are given back once', async () => {
    const { db } = server.database;
    const payment = await paidFee(2500);
    const refund = await requested(payment);
    const crashing = provider$('after');
    await expect(askRefund(db, crashing.wrapped, refund.id, attempt(1), new Date())).rejects.toThrow('died');
    expect(await creditsAtProvider(payment)).toEqual([2500]); // the money went back…
    expect((await getPaymentOfAuthority(db, sion, payment.id))?.status).toBe('paid'); // …unrecorded

    const again = provider$();
    expect(await askRefund(db, again.wrapped, refund.id, attempt(2), new Date())).toBe('refunded');
    expect(again.calls).toEqual([refund.id]); // asked with the same key…
    expect(await creditsAtProvider(payment)).toEqual([2500]); // …which credits once
    expect((await getPaymentOfAuthority(db, sion, payment.id))?.status).toBe('refunded');

    // A third run (the job retried once more after recording) asks nothing and records nothing.
    const third = provider$();
    expect(await askRefund(db, third.wrapped, refund.id, attempt(3), new Date())).toBe('refunded');
    expect(third.calls).toEqual([]);
    expect(
      await count("audit_events where action = 'payment.refund.refunded' and subject_id =", payment.id),
    ).toBe(1);
    expect(await count("payment_events where kind = 'refund' and payment_id =", payment.id)).toBe(1);
    expect(await count('notifications where source =', `refund:${refund.id}`)).toBe(1);
    expect(
      await count("audit_events where action = 'payment.refund.requested' and subject_id =", payment.id),
    ).toBe(1);
  });

  it('survive a crash before the provider was asked', async () => {
    const { db } = server.database;
    const payment = await paidFee(1800);
    const refund = await requested(payment, 800);
    await expect(
      askRefund(db, provider$('before').wrapped, refund.id, attempt(1), new Date()),
    ).rejects.toThrow();
    expect(await creditsAtProvider(payment)).toEqual([]);
    expect(await askRefund(db, provider$().wrapped, refund.id, attempt(2), new Date())).toBe('refunded');
    expect(await creditsAtProvider(payment)).toEqual([800]);
    const paid = (await getPaymentOfAuthority(db, sion, payment.id)) as Payment;
    expect([paid.status, paid.refunded_cents]).toEqual(['paid', 800]);
  });

  it('are asked of the provider with an idempotency key it honours: the same key twice credits once', async () => {
    const payment = await paidFee(1000);
    const request = { amountCents: 400, currency: 'CHF', refno: `${payment.refno}-R9` };
    const transactionId = payment.provider_transaction_id ?? '';
    const key = crypto.randomUUID();
    const first = await provider.refund(transactionId, request, key);
    expect(await provider.refund(transactionId, request, key)).toBe(first);
    expect(await creditsAtProvider(payment)).toEqual([400]);
    const reused = provider.refund(transactionId, { ...request, amountCents: 500 }, key);
    await expect(reused).rejects.toMatchObject({ status: 422 });
    expect(await provider.refund(transactionId, request, crypto.randomUUID())).not.toBe(first);
    expect(await creditsAtProvider(payment)).toEqual([400, 400]);
  });

  it('count as given back while asked, so that a second request cannot give more than was paid', async () => {
    const payment = await paidFee(3000);
    await requested(payment, 2000);
    const second = await requestRefund(server.database.db, sion, payment.id, {
      transactionId: payment.provider_transaction_id ?? '',
      amountCents: 1001,
      reason: 'Demande retirée',
      actor: 'person:test',
    });
    expect(second).toBe('too_much');
    const other = await getAuthorityBySlug(server.database.db, 'sierre');
    await expect(
      requestRefund(server.database.db, other?.id ?? '', payment.id, {
        transactionId: payment.provider_transaction_id ?? '',
        amountCents: 1,
        reason: 'Demande retirée',
        actor: 'person:test',
      }),
    ).rejects.toMatchObject({ status: 404 }); // another authority's payment is absent
  });

  it('asked at the same moment, never add up to more than was paid (the payment row is locked)', async () => {
    const payment = await paidFee(5000);
    const ask = (amountCents: number) =>
      requestRefund(server.database.db, sion, payment.id, {
        transactionId: payment.provider_transaction_id ?? '',
        amountCents,
        reason: 'Trop perçu',
        actor: 'person:test',
      });
    const outcomes = await Promise.all([ask(3000), ask(3000), ask(3000)]);
    expect(outcomes.filter((o) => o === 'too_much')).toHaveLength(2);
    expect(await count('payment_refunds where payment_id =', payment.id)).toBe(1);
  });

  it('are never asked again once the provider may have forgotten the key: they are to be checked', async () => {
    const { db } = server.database;
    const payment = await paidFee(1500);
    const refund = await requested(payment);
    const started = new Date();
    await expect(
      askRefund(db, provider$('unreachable').wrapped, refund.id, attempt(1), started),
    ).rejects.toThrow();
    const later = provider$();
    const anHourOn = new Date(started.getTime() + 51 * 60_000);
    expect(await askRefund(db, later.wrapped, refund.id, attempt(2), anHourOn)).toBe('unknown');
    expect(later.calls).toEqual([]);
    // It may have been given back: nothing more can be refunded until someone checks.
    expect((await refundables(db, payment))[0]?.refundedCents).toBe(1500);
    expect(
      await count("audit_events where action = 'payment.refund.unknown' and subject_id =", payment.id),
    ).toBe(1);
  });

  it('left unanswered on the last attempt are to be checked; refused by the provider, they leave the money', async () => {
    const { db } = server.database;
    const payment = await paidFee(1200);
    const lost = await requested(payment, 200);
    expect(await askRefund(db, provider$('unreachable').wrapped, lost.id, attempt(8), new Date())).toBe(
      'unknown',
    );
    const refused = await requested(payment, 300);
    expect(await askRefund(db, provider$('refuses').wrapped, refused.id, attempt(1), new Date())).toBe(
      'refused',
    );
    expect((await refundables(db, payment))[0]?.refundedCents).toBe(200); // the refused 300 are left
    expect(await creditsAtProvider(payment)).toEqual([]);
  });
});
