import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { getPaymentOfAuthority, type Payment, requestPayment } from './payments.ts';
import type { PaymentMethod, PaymentProvider } from './provider.ts';
import { applyTransaction, checkout, reconcilePending } from './provider-transactions.ts';
import { providerOfAuthority, providerOfPayment } from './providers.ts';
import { askRefund, requestRefund } from './refunds.ts';

export type Server = Awaited<ReturnType<typeof serveTestApp>>;

/** What a contract test needs of one provider and its simulator, besides the provider's client. */
export interface ProviderHarness {
  /** The demo authority whose own merchant is at this provider. */
  authority: string;
  /** What the person does on the provider's hosted page. */
  onPage(paymentUrl: string, outcome: 'pay' | 'decline' | 'abandon'): Promise<void>;
  /**
   * The provider's notification about one attempt of a payment, sent to Guichet as the provider sends
   * it (Datatrans: the transaction, signed; Saferpay: a bare call); resolves with Guichet's answer.
   */
  notify(server: Server, payment: Payment, transactionId: string): Promise<Response>;
  /** The same notification captured and sent again later: what Guichet must answer to a replay. */
  replayStatus: number;
  /** The provider reports the attempt settled for another amount than asked (a tampered page, a bug). */
  settleOtherAmount(server: Server, payment: Payment, transactionId: string, cents: number): Promise<void>;
}

/**
 * The one contract every payment provider meets, run against its faithful simulator through Guichet's
 * own flow (checkout, the provider's page, notification, status, refunds): `describe` it once per provider.
 */
export function providerContract(name: string, harness: ProviderHarness) {
  describe(`the ${name} provider`, () => {
    let server: Server;
    let provider: PaymentProvider;
    let accountId = '';
    let authorityId = '';
    let sources = 0;

    beforeAll(async () => {
      server = await serveTestApp();
      const { db } = server.database;
      authorityId = (await getAuthorityBySlug(db, harness.authority))?.id ?? '';
      accountId = (await createCitizen(db, { givenNames: 'Lea', familyName: 'Roh', email: 'lea@example.ch' }))
        .account.id;
      const found = await providerOfAuthority(
        { db, config: server.config, keys: () => masterKeysFor(server.config, db) },
        authorityId,
      );
      if (found?.kind !== name) throw new Error(`${harness.authority} should pay through ${name}`);
      provider = found;
    });
    afterAll(() => server?.close());

    const reread = async (payment: Payment) =>
      (await getPaymentOfAuthority(server.database.db, authorityId, payment.id)) as Payment;

    async function fee(amountCents = 5000): Promise<Payment> {
      return server.database.db.transaction().execute((tx) =>
        requestPayment(tx, {
          authorityId,
          accountId,
          purpose: { fr: 'Émolument' },
          amountCents,
          source: `contract:${name}:${++sources}`,
          link: '/my',
          onSettled: { job: 'cases:payment-settled', payload: { caseId: crypto.randomUUID(), status: 'x' } },
        }),
      );
    }

    /** A new attempt at the provider; its notification goes nowhere, the tests send it themselves. */
    async function attempt(payment: Payment, method?: PaymentMethod) {
      const started = await checkout(server.database.db, provider, await reread(payment), {
        returnUrl: `${server.url}/payments/${payment.id}`,
        notifyUrl: 'http://127.0.0.1:9/nowhere',
        language: 'fr',
        actor: 'test',
        method,
      });
      if (!('paymentUrl' in started)) throw new Error('already paid');
      const pending = await reread(payment);
      return {
        paymentUrl: started.paymentUrl,
        transactionId: pending.provider_transaction_id ?? '',
        pending,
      };
    }

    /** Asks the provider, as the return page and the reconciliation job do. */
    async function check(payment: Payment, transactionId: string) {
      return applyTransaction(
        server.database.db,
        await reread(payment),
        await provider.status(transactionId),
        'checked',
      );
    }

    async function count(query: string, id: string): Promise<number> {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.raw(query)} ${sql.lit(id)}`.execute(server.database.db);
      return rows[0]?.n ?? 0;
    }
    const settledAudits = (payment: Payment) =>
      count(`audit_events where action = 'payment.settled' and subject_id =`, payment.id);
    const settledJobs = (payment: Payment) =>
      count(
        `graphile_worker._private_jobs where payload->>'caseId' =`,
        String((payment.on_settled?.payload as { caseId?: string } | undefined)?.caseId),
      );

    it('opens a hosted page for the fee (init), records the attempt and the provider', async () => {
      const payment = await fee();
      const { paymentUrl, transactionId, pending } = await attempt(payment);
      expect(pending).toMatchObject({ status: 'pending', provider: name });
      expect(transactionId).not.toBe('');
      const page = await fetch(paymentUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/50\.00/);
      expect((await provider.status(transactionId)).status).toBe('initialized');
    });

    it('settles a paid fee once, with the job of whoever asked (pay)', async () => {
      const payment = await fee();
      const { paymentUrl, transactionId } = await attempt(payment);
      await harness.onPage(paymentUrl, 'pay');
      expect((await check(payment, transactionId)).status).toBe('paid');
      expect((await check(payment, transactionId)).status).toBe('paid');
      expect([await settledAudits(payment), await settledJobs(payment)]).toEqual([1, 1]);
    });

    it('leaves a declined fee open, saying it failed (decline)', async () => {
      const payment = await fee();
      const { paymentUrl, transactionId } = await attempt(payment);
      await harness.onPage(paymentUrl, 'decline');
      expect(await check(payment, transactionId)).toMatchObject({ status: 'open', last_outcome: 'failed' });
    });

    it('leaves an abandoned fee open, to be paid afresh (abandon)', async () => {
      const payment = await fee();
      const { paymentUrl, transactionId } = await attempt(payment);
      await harness.onPage(paymentUrl, 'abandon');
      expect(await check(payment, transactionId)).toMatchObject({ status: 'open', last_outcome: 'canceled' });
      const again = await attempt(payment);
      await harness.onPage(again.paymentUrl, 'pay');
      expect((await check(payment, again.transactionId)).status).toBe('paid');
    });

    it('believes its notification only as the provider says (signed, or asserted), and settles the fee', async () => {
      const payment = await fee();
      const { paymentUrl, transactionId } = await attempt(payment);
      await harness.onPage(paymentUrl, 'pay');
      const told = await harness.notify(server, payment, transactionId);
      expect(told.status).toBe(200);
      expect((await reread(payment)).status).toBe('paid');
      expect(await count(`payment_events where kind = 'webhook' and payment_id =`, payment.id)).toBe(1);
    });

    it('processes a replayed notification once', async () => {
      const payment = await fee();
      const { paymentUrl, transactionId } = await attempt(payment);
      await harness.onPage(paymentUrl, 'pay');
      expect((await harness.notify(server, payment, transactionId)).status).toBe(200);
      expect((await harness.notify(server, payment, transactionId)).status).toBe(harness.replayStatus);
      expect([await settledAudits(payment), await settledJobs(payment)]).toEqual([1, 1]);
    });

    it('keeps a fee paid when an earlier attempt’s failure is told after its success (out of order)', async () => {
      const payment = await fee();
      const first = await attempt(payment);
      await harness.onPage(first.paymentUrl, 'abandon');
      // The first attempt's outcome is not told yet; the person tries again and pays.
      const second = await attempt(payment);
      await harness.onPage(second.paymentUrl, 'pay');
      expect((await harness.notify(server, payment, second.transactionId)).status).toBe(200);
      await harness.notify(server, payment, first.transactionId);
      await check(payment, first.transactionId);
      expect(await reread(payment)).toMatchObject({
        status: 'paid',
        provider_transaction_id: second.transactionId,
      });
      expect(await settledAudits(payment)).toBe(1);
    });

    it('does not settle a fee reported paid for another amount, and flags it (wrong amount)', async () => {
      const payment = await fee();
      const { paymentUrl, transactionId } = await attempt(payment);
      await harness.onPage(paymentUrl, 'pay');
      await harness.settleOtherAmount(server, payment, transactionId, 100);
      expect((await reread(payment)).status).not.toBe('paid');
      expect(await count(`payment_events where kind = 'mismatch' and payment_id =`, payment.id)).toBe(1);
    });

    it('settles a fee whose notification never came when the reconciliation job asks', async () => {
      const { db } = server.database;
      const payment = await fee();
      const { paymentUrl } = await attempt(payment);
      await harness.onPage(paymentUrl, 'pay');
      const source = { db, config: server.config, keys: () => masterKeysFor(server.config, db) };
      const later = new Date(Date.now() + 16 * 60_000);
      await reconcilePending(db, (p, kind) => providerOfPayment(source, p, kind), later);
      expect((await reread(payment)).status).toBe('paid');
      expect(await settledAudits(payment)).toBe(1);
    });

    it('tells the status of a transaction: amount, reference and the method the person chose', async () => {
      const payment = await fee(4200);
      const { paymentUrl, transactionId } = await attempt(payment, 'twint');
      await harness.onPage(paymentUrl, 'pay');
      expect(await provider.status(transactionId)).toMatchObject({
        status: 'settled',
        currency: 'CHF',
        refno: payment.refno,
        method: 'twint',
        detail: { settle: { amount: 4200 } },
      });
      await expect(provider.status('0000000000000000')).rejects.toThrow();
    });

    it('gives back several partial refunds, up to what was paid, and no more', async () => {
      const { db } = server.database;
      const payment = await fee(5000);
      const { paymentUrl, transactionId } = await attempt(payment);
      await harness.onPage(paymentUrl, 'pay');
      await check(payment, transactionId);
      const refund = async (amountCents: number) => {
        const asked = await requestRefund(db, authorityId, payment.id, {
          transactionId,
          amountCents,
          reason: 'Trop perçu',
          actor: 'person:test',
        });
        if (asked === 'too_much') return asked;
        return askRefund(db, provider, asked.id, { number: 1, max: 8 }, new Date());
      };
      expect(await refund(2000)).toBe('refunded');
      expect((await reread(payment)).status).toBe('paid');
      expect(await refund(3000)).toBe('refunded');
      expect(await reread(payment)).toMatchObject({ status: 'refunded', refunded_cents: 5000 });
      expect(await refund(1)).toBe('too_much');
    });

    it('credits a retried refund once (idempotent retries)', async () => {
      const payment = await fee(5000);
      const { paymentUrl, transactionId } = await attempt(payment);
      await harness.onPage(paymentUrl, 'pay');
      const paid = await provider.status(transactionId);
      const key = crypto.randomUUID();
      const request = { amountCents: 1000, currency: 'CHF', refno: `${payment.refno}-R1`, paid };
      const first = await provider.refund(transactionId, request, key, 1);
      expect(await provider.refund(transactionId, request, key, 2)).toBe(first);
      // Only 1000 went back: 4000 more can, then nothing.
      const rest = { ...request, amountCents: 4000, refno: `${payment.refno}-R2` };
      expect(await provider.refund(transactionId, rest, crypto.randomUUID(), 1)).not.toBe(first);
      await expect(
        provider.refund(
          transactionId,
          { ...request, amountCents: 1, refno: `${payment.refno}-R3` },
          crypto.randomUUID(),
          1,
        ),
      ).rejects.toMatchObject({ nothingDone: true });
    });
  });
}
