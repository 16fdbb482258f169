import { randomInt } from 'node:crypto';
import type { Context } from 'hono';
import { type ProviderTransaction, signature } from '../../modules/payments/datatrans.ts';
import type { PaymentProviderConfig } from '../../platform/config/config.ts';
import type { GuichetModule } from '../../platform/module.ts';

interface SimulatedTransaction extends ProviderTransaction {
  merchantId: string;
  type: 'payment' | 'credit';
  amount: number;
  redirect: { successUrl: string; cancelUrl: string; errorUrl: string };
  webhookUrl: string | undefined;
  history: { action: string; amount: number; success: boolean; date: string }[];
}

/** This process's transactions (it is a simulator: a restart forgets them, as a sandbox may). */
const transactions = new Map<string, SimulatedTransaction>();

/** Card numbers of Datatrans' test sets: this one is declined, any other well-formed one is accepted. */
const declinedCard = '4000000000000002';

const url = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value);

/**
 * A stand-in for Datatrans, speaking its JSON API and redirect flow: `POST /api/v1/transactions`
 * (Basic auth) opens a transaction, the person pays on `/pay/v1/start/{id}`, the webhook is posted
 * signed with the merchant's sign key, `GET /api/v1/transactions/{id}` reports the status.
 */
export const datatransSimulator: GuichetModule = {
  name: 'datatrans-simulator',
  routes: (platform) => {
    const config = platform.config.payments;
    const base = '/simulators/datatrans';
    const authorised = (c: Context, merchant: PaymentProviderConfig) =>
      c.req.header('Authorization') ===
      `Basic ${Buffer.from(`${merchant.merchantId}:${merchant.password}`).toString('base64')}`;
    const view = ({ redirect: _r, webhookUrl: _w, amount: _a, ...transaction }: SimulatedTransaction) =>
      transaction;

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
          transactions.set(transactionId, {
            transactionId,
            merchantId: config.merchantId,
            type: 'payment',
            status: 'initialized',
            currency: body.currency,
            refno: body.refno,
            amount: body.amount as number,
            redirect,
            webhookUrl: webhook.url,
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
        handler(c) {
          if (!authorised(c, config)) return c.json({ error: { code: 'UNAUTHORIZED' } }, 401);
          const transaction = transactions.get(c.req.param('id') ?? '');
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
          const original = transactions.get(c.req.param('id') ?? '');
          if (!original) return c.json({ error: { code: 'TRANSACTION_NOT_FOUND' } }, 404);
          const body = (await c.req.json().catch(() => ({}))) as {
            amount?: unknown;
            currency?: unknown;
            refno?: unknown;
          };
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
            return c.json({ error: { code: 'INVALID_TRANSACTION_STATUS', message: 'cannot credit' } }, 400);
          const amount = body.amount as number;
          const date = new Date().toISOString();
          original.history.push({ action: 'credit', amount, success: true, date });
          const transactionId = `${Date.now()}${randomInt(10_000, 99_999)}`;
          transactions.set(transactionId, {
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
          return c.json({ transactionId });
        },
      },
      {
        method: 'GET',
        path: `${base}/pay/v1/start/:id`,
        access: 'anonymous',
        object: { none: 'a simulator of the payment provider (demo and tests)' },
        handler(c) {
          const transaction = transactions.get(c.req.param('id') ?? '');
          if (transaction?.status !== 'initialized') return c.text('Transaction not found', 404);
          const amount = `${transaction.currency} ${(transaction.amount / 100).toFixed(2)}`;
          const page = (
            <html lang="en">
              <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>Datatrans payment page (simulator)</title>
              </head>
              <body>
                <main>
                  <h1>Datatrans payment page (simulator)</h1>
                  <p>
                    {transaction.refno}: <strong>{amount}</strong>
                  </p>
                  <form method="post">
                    <label for="card">Card number</label>{' '}
                    <input
                      id="card"
                      name="cardNumber"
                      inputmode="numeric"
                      autocomplete="cc-number"
                      value="4242 4242 4242 4242"
                    />{' '}
                    <button type="submit" name="action" value="pay">
                      Pay {amount}
                    </button>{' '}
                    <button type="submit" name="action" value="cancel">
                      Cancel
                    </button>
                  </form>
                </main>
              </body>
            </html>
          );
          return c.html(`<!DOCTYPE html>${page.toString()}`);
        },
      },
      {
        method: 'POST',
        path: `${base}/pay/v1/start/:id`,
        access: 'machine',
        object: { none: 'a simulator of the payment provider (demo and tests)' },
        async handler(c) {
          const transaction = transactions.get(c.req.param('id') ?? '');
          if (transaction?.status !== 'initialized') return c.text('Transaction not found', 404);
          const form = await c.req.parseBody();
          const card = String(form.cardNumber ?? '').replace(/\s/g, '');
          const date = new Date().toISOString();
          let target: string;
          if (form.action === 'cancel') {
            transaction.status = 'canceled';
            transaction.history.push({ action: 'cancel', amount: transaction.amount, success: true, date });
            target = transaction.redirect.cancelUrl;
          } else if (!/^\d{13,19}$/.test(card) || card === declinedCard) {
            transaction.status = 'failed';
            transaction.detail = {
              ...transaction.detail,
              fail: { reason: 'DECLINED', message: 'declined' },
            } as never;
            transaction.history.push({
              action: 'authorize',
              amount: transaction.amount,
              success: false,
              date,
            });
            target = transaction.redirect.errorUrl;
          } else {
            transaction.status = 'settled';
            transaction.detail = {
              authorize: { amount: transaction.amount },
              settle: { amount: transaction.amount },
            };
            transaction.history.push({
              action: 'authorize',
              amount: transaction.amount,
              success: true,
              date,
            });
            transaction.history.push({ action: 'settle', amount: transaction.amount, success: true, date });
            target = transaction.redirect.successUrl;
          }
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
