import { randomInt } from 'node:crypto';
import type { Context } from 'hono';
import { signature } from '../../modules/payments/index.ts';
import type { PaymentProviderConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/database/database.ts';
import type { GuichetModule } from '../../platform/module.ts';
import * as simulatorTables from './migrations/2026-11-30-53-payments-datatrans-simulator.ts';
import { payPage } from './pay-page.tsx';
import {
  type Answer,
  findTransaction,
  idempotent,
  type SimulatedTransaction,
  saveTransaction,
} from './store.ts';

/** Card numbers of Datatrans' test sets: this one is declined, any other well-formed one is accepted. */
const declinedCard = '4000000000000002';
/** The methods of the simulated merchant: Visa, Mastercard, TWINT, PostFinance Card and E-Finance. */
export const simulatedMethods = ['VIS', 'ECA', 'TWI', 'PFC', 'PEF'];

/**
 * What the person did on the page, applied to the transaction: cancelled, declined (the test card
 * that is, or a malformed number) or paid and settled at once (`autoSettle`). Returns where they go.
 */
function pay(transaction: SimulatedTransaction, card: string | 'cancel' | 'decline', method: string): string {
  const date = new Date().toISOString();
  const { amount } = transaction;
  if (card === 'cancel') {
    transaction.status = 'canceled';
    transaction.history.push({ action: 'cancel', amount, success: true, date });
    return transaction.redirect.cancelUrl;
  }
  const isCard = ['VIS', 'ECA', 'AMX'].includes(method);
  if (card === 'decline' || (isCard && (!/^\d{13,19}$/.test(card) || card === declinedCard))) {
    transaction.status = 'failed';
    transaction.detail = {
      ...transaction.detail,
      fail: { reason: 'DECLINED', message: 'declined' },
    } as never;
    transaction.history.push({ action: 'authorize', amount, success: false, date });
    return transaction.redirect.errorUrl;
  }
  transaction.status = 'settled';
  transaction.paymentMethod = method;
  transaction.detail = { authorize: { amount }, settle: { amount } };
  transaction.history.push({ action: 'authorize', amount, success: true, date });
  transaction.history.push({ action: 'settle', amount, success: true, date });
  return transaction.redirect.successUrl;
}

const parsed = (raw: string): Record<string, unknown> => {
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
};

const url = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value);

/**
 * A stand-in for Datatrans, speaking its JSON API and redirect flow: `POST /api/v1/transactions`
 * (Basic auth) opens a transaction, the person pays on `/pay/v1/start/{id}`, the webhook is posted
 * signed with the merchant's sign key, `GET /api/v1/transactions/{id}` reports the status.
 */
export const datatransSimulator: GuichetModule = {
  name: 'datatrans-simulator',
  migrations: { '2026-11-30-53-payments-datatrans-simulator': simulatorTables },
  routes: (platform) => {
    const { db } = platform;
    const config = platform.config.payments;
    const base = '/simulators/datatrans';
    const authorised = (c: Context, merchant: PaymentProviderConfig) =>
      c.req.header('Authorization') ===
      `Basic ${Buffer.from(`${merchant.merchantId}:${merchant.password}`).toString('base64')}`;
    const view = ({
      redirect: _r,
      webhookUrl: _w,
      amount: _a,
      paymentMethods: _m,
      ...transaction
    }: SimulatedTransaction) => transaction;

    async function postWebhook(transaction: SimulatedTransaction, merchant: PaymentProviderConfig) {
      if (!transaction.webhookUrl) return;
      const body = JSON.stringify(view(transaction));
      for (let attempt = 0; attempt < 5; attempt++) {
        const t = String(Date.now());
        try {
          const response = await fetch(transaction.webhookUrl, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'Datatrans-Signature': `t=${t},s0=${signature(merchant.signKey, t, body)}`,
            },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          if (response.ok) return;
        } catch {
          // the merchant is unreachable: try again, as the provider does
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
    }

    /** Credits (part of) a settled transaction, as a new transaction of type `credit`. */
    async function credit(tx: Db, id: string, raw: string): Promise<Answer> {
      const original = await findTransaction(tx, id, true);
      if (!original) return { status: 404, body: { error: { code: 'TRANSACTION_NOT_FOUND' } } };
      const body = parsed(raw) as { amount?: unknown; currency?: unknown; refno?: unknown };
      const credited = original.history
        .filter((h) => h.action === 'credit' && h.success)
        .reduce((sum, h) => sum + h.amount, 0);
      if (
        original.status !== 'settled' ||
        !Number.isInteger(body.amount) ||
        (body.amount as number) <= 0 ||
        (body.amount as number) > original.amount - credited ||
        body.currency !== original.currency ||
        typeof body.refno !== 'string'
      )
        return {
          status: 400,
          body: { error: { code: 'INVALID_TRANSACTION_STATUS', message: 'cannot credit' } },
        };
      const amount = body.amount as number;
      const date = new Date().toISOString();
      original.history.push({ action: 'credit', amount, success: true, date });
      await saveTransaction(tx, original);
      const transactionId = `${Date.now()}${randomInt(10_000, 99_999)}`;
      await saveTransaction(tx, {
        ...original,
        transactionId,
        type: 'credit',
        status: 'settled',
        refno: body.refno,
        amount,
        detail: { settle: { amount } },
        webhookUrl: undefined,
        history: [{ action: 'credit', amount, success: true, date }],
      });
      return { status: 200, body: { transactionId } };
    }

    if (!config) return [];
    return [
      {
        method: 'POST',
        path: `${base}/api/v1/transactions`,
        access: 'machine',
        async handler(c) {
          if (!authorised(c, config)) return c.json({ error: { code: 'UNAUTHORIZED' } }, 401);
          const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
          const redirect = (body.redirect ?? {}) as SimulatedTransaction['redirect'];
          const webhook = (body.webhook ?? {}) as { url?: string };
          if (
            typeof body.currency !== 'string' ||
            !/^[A-Z]{3}$/.test(body.currency) ||
            !Number.isInteger(body.amount) ||
            (body.amount as number) <= 0 ||
            typeof body.refno !== 'string' ||
            body.refno.length < 1 ||
            body.refno.length > 40 ||
            !url(redirect.successUrl) ||
            !url(redirect.cancelUrl) ||
            !url(redirect.errorUrl) ||
            (webhook.url !== undefined && !url(webhook.url))
          )
            return c.json({ error: { code: 'INVALID_PROPERTY', message: 'init request is invalid' } }, 400);
          const transactionId = `${Date.now()}${randomInt(10_000, 99_999)}`;
          await saveTransaction(db, {
            transactionId,
            merchantId: config.merchantId,
            type: 'payment',
            status: 'initialized',
            currency: body.currency,
            refno: body.refno,
            amount: body.amount as number,
            redirect,
            webhookUrl: webhook.url,
            paymentMethods: Array.isArray(body.paymentMethods)
              ? simulatedMethods.filter((m) => (body.paymentMethods as unknown[]).includes(m))
              : undefined,
            detail: {},
            history: [
              {
                action: 'init',
                amount: body.amount as number,
                success: true,
                date: new Date().toISOString(),
              },
            ],
          });
          c.header('Location', `${config.payUrl}/v1/start/${transactionId}`);
          return c.json({ transactionId }, 201);
        },
      },
      {
        method: 'GET',
        path: `${base}/api/v1/transactions/:id`,
        access: 'machine',
        object: { none: 'a simulator of the payment provider (demo and tests)' },
        async handler(c) {
          if (!authorised(c, config)) return c.json({ error: { code: 'UNAUTHORIZED' } }, 401);
          const transaction = await findTransaction(db, c.req.param('id') ?? '');
          if (!transaction) return c.json({ error: { code: 'TRANSACTION_NOT_FOUND' } }, 404);
          return c.json(view(transaction));
        },
      },
      {
        method: 'POST',
        path: `${base}/api/v1/transactions/:id/credit`,
        access: 'machine',
        object: { none: 'a simulator of the payment provider (demo and tests)' },
        async handler(c) {
          if (!authorised(c, config)) return c.json({ error: { code: 'UNAUTHORIZED' } }, 401);
          const raw = await c.req.text();
          // As Datatrans does: the same key and body within the hour answer the first answer again,
          // without crediting twice; the same key with another body is refused.
          const key = c.req.header('Idempotency-Key');
          const answer = await idempotent(
            db,
            key ? `${config.merchantId}:${key}` : undefined,
            `${c.req.path}\n${raw}`,
            (tx) => credit(tx, c.req.param('id') ?? '', raw),
          );
          return c.json(answer.body, answer.status);
        },
      },
      {
        method: 'GET',
        path: `${base}/pay/v1/start/:id`,
        access: 'anonymous',
        object: { none: 'a simulator of the payment provider (demo and tests)' },
        async handler(c) {
          const transaction = await findTransaction(db, c.req.param('id') ?? '');
          if (transaction?.status !== 'initialized') return c.text('Transaction not found', 404);
          return c.html(
            payPage(
              transaction,
              transaction.paymentMethods?.length ? transaction.paymentMethods : simulatedMethods,
            ),
          );
        },
      },
      {
        method: 'POST',
        path: `${base}/pay/v1/start/:id`,
        access: 'machine',
        object: { none: 'a simulator of the payment provider (demo and tests)' },
        async handler(c) {
          const form = await c.req.parseBody();
          const card = String(form.cardNumber ?? '').replace(/\s/g, '');
          // Locked while it is paid: a second click finds it paid, not initialized.
          const paid = await db.transaction().execute(async (tx) => {
            const transaction = await findTransaction(tx, c.req.param('id') ?? '', true);
            if (transaction?.status !== 'initialized') return undefined;
            const offered = transaction.paymentMethods?.length
              ? transaction.paymentMethods
              : simulatedMethods;
            const method = offered.includes(String(form.paymentMethod))
              ? String(form.paymentMethod)
              : offered[0];
            const action = form.action === 'cancel' || form.action === 'decline' ? form.action : card;
            const target = pay(transaction, action, method ?? 'VIS');
            await saveTransaction(tx, transaction);
            return { transaction, target };
          });
          if (!paid) return c.text('Transaction not found', 404);
          const { transaction, target } = paid;
          // As with the real provider, the webhook goes out on its own (retried while the merchant is
          // down) and the person's redirect does not wait for it.
          void postWebhook(transaction, config);
          const next = new URL(target);
          next.searchParams.set('datatransTrxId', transaction.transactionId);
          return c.redirect(next.toString(), 303);
        },
      },
    ];
  },
};
