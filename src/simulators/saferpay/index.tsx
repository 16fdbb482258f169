import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { Db } from '../../platform/database/database.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { GuichetModule } from '../../platform/module.ts';
import { amountOk, type Body, error, newId, now, ok, url } from './answers.ts';
import { declinedCard, type SimulatedMerchant, simulatedMerchants } from './merchants.ts';
import * as simulatorTables from './migrations/2026-12-01-80-payments-saferpay-simulator.ts';
import { payPage } from './pay-page.tsx';
import {
  type Answer,
  findPage,
  findTransaction,
  once,
  refundsOf,
  type SimulatedPage,
  type SimulatedTransaction,
  savePage,
  saveTransaction,
} from './store.ts';

/** The simulator stands for a provider that serves every merchant: no write limit of ours applies. */
const rateLimit = { bucket: 'saferpay-simulator', limit: 100_000, windowSeconds: 60 };
/** A payment page stays open this long, as Saferpay's normal session. */
const pageLifetimeMs = 20 * 60_000;

/**
 * A stand-in for Worldline Saferpay's JSON API (Payment Page interface), served in demo mode and tests:
 * `Payment/v1/PaymentPage/Initialize` and `/Assert`, `Payment/v1/Transaction/Capture` and `/Refund`,
 * basic auth with a JSON API user, `RequestHeader` checked, retries (`RetryIndicator` > 0 with the same
 * `RequestId`) answered once, errors as Saferpay gives them (`Behavior`, `ErrorName`, `ErrorMessage`).
 * The hosted page lets the tester choose a method and pay, be declined or cancel; Saferpay then calls
 * the notification address (GET, no data, up to three times) and sends the person back.
 */
export const saferpaySimulator: GuichetModule = {
  name: 'saferpay-simulator',
  migrations: { '2026-12-01-80-payments-saferpay-simulator': simulatorTables },
  routes: (platform) => {
    const { db } = platform;
    const base = '/simulators/saferpay';
    const pageUrl = (token: string) => `${platform.config.publicUrl}${base}/vt/${token}`;

    /** Basic auth, then the request header, then the work, once per request id. */
    function api(
      path: string,
      work: (tx: Db, merchant: SimulatedMerchant, body: Body, requestId: string) => Promise<Answer>,
    ): RouteDef {
      return {
        method: 'POST',
        path: `${base}/api/Payment/v1/${path}`,
        access: 'machine',
        rateLimit,
        async handler(c: Context) {
          const answer = await (async (): Promise<Answer> => {
            const body = (await c.req.json().catch(() => undefined)) as Body | undefined;
            const header = body?.RequestHeader;
            const [user, password] = Buffer.from(
              (c.req.header('Authorization') ?? '').replace(/^Basic /, ''),
              'base64',
            )
              .toString()
              .split(':');
            const merchant = simulatedMerchants.find((m) => m.apiUser === user && m.apiPassword === password);
            if (!merchant || header?.CustomerId !== merchant.customerId)
              return error(
                401,
                header?.RequestId,
                'ABORT',
                'AUTHENTICATION_FAILED',
                'Unable to authenticate request',
              );
            const retry = header.RetryIndicator;
            if (
              !body ||
              typeof header.SpecVersion !== 'string' ||
              typeof header.RequestId !== 'string' ||
              !/^[\w.:-]{1,50}$/.test(header.RequestId) ||
              !Number.isInteger(retry) ||
              (retry as number) < 0 ||
              (retry as number) > 9
            )
              return error(400, header.RequestId, 'ABORT', 'VALIDATION_FAILED', 'Request validation failed', {
                ErrorDetail: [
                  'RequestHeader: SpecVersion, RequestId (1–50) and RetryIndicator (0–9) are required',
                ],
              });
            const { RequestHeader: _header, ...rest } = body;
            return once(
              db,
              `${merchant.customerId}:${header.RequestId}`,
              retry as number,
              `${path}\n${JSON.stringify(rest)}`,
              (tx) => work(tx, merchant, body, header.RequestId as string),
            );
          })();
          return c.json(answer.body, answer.status);
        },
      };
    }

    /** Calls the merchant's notification address as Saferpay does: GET, no data, up to three times. */
    async function notify(target: string | undefined) {
      if (!target) return;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
          if (response.ok) return;
        } catch {
          // the merchant is unreachable: try again, as Saferpay does
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
    }

    return [
      api('PaymentPage/Initialize', async (tx, merchant, body, requestId) => {
        const payment = body.Payment as
          | { Amount?: unknown; OrderId?: unknown; Description?: unknown }
          | undefined;
        const returnUrl = (body.ReturnUrl as { Url?: unknown } | undefined)?.Url;
        const notification = (body.Notification ?? {}) as {
          SuccessNotifyUrl?: unknown;
          FailNotifyUrl?: unknown;
        };
        if (
          !amountOk(payment?.Amount) ||
          (payment.OrderId !== undefined &&
            (typeof payment.OrderId !== 'string' || payment.OrderId.length > 80)) ||
          typeof payment.Description !== 'string' ||
          !url(returnUrl) ||
          (notification.SuccessNotifyUrl !== undefined && !url(notification.SuccessNotifyUrl)) ||
          (notification.FailNotifyUrl !== undefined && !url(notification.FailNotifyUrl))
        )
          return error(400, requestId, 'ABORT', 'VALIDATION_FAILED', 'Request validation failed');
        if (!merchant.terminalIds.includes(String(body.TerminalId)))
          return error(403, requestId, 'ABORT', 'PERMISSION_DENIED', 'Permission denied', {
            ErrorDetail: ['Terminal does not belong to the customer'],
          });
        // Methods asked but not on the terminal are ignored; none left, or none asked: all of them.
        const asked = Array.isArray(body.PaymentMethods)
          ? (body.PaymentMethods as unknown[]).map(String)
          : [];
        const offered = merchant.brands.filter((brand) => asked.includes(brand));
        const token = randomBytes(15).toString('hex');
        const page: SimulatedPage = {
          token,
          customerId: merchant.customerId,
          terminalId: String(body.TerminalId),
          amount: payment.Amount,
          orderId: (payment.OrderId as string | undefined) ?? '',
          description: payment.Description,
          methods: offered.length > 0 ? offered : merchant.brands,
          returnUrl,
          successNotifyUrl: notification.SuccessNotifyUrl as string | undefined,
          failNotifyUrl: notification.FailNotifyUrl as string | undefined,
          expiresAt: new Date(Date.now() + pageLifetimeMs).toISOString(),
          state: 'open',
        };
        await savePage(tx, page);
        return ok(requestId, { Token: token, Expiration: page.expiresAt, RedirectUrl: pageUrl(token) });
      }),

      api('PaymentPage/Assert', async (tx, merchant, body, requestId) => {
        const page = typeof body.Token === 'string' ? await findPage(tx, body.Token) : undefined;
        if (!page || page.customerId !== merchant.customerId)
          return error(400, requestId, 'ABORT', 'TOKEN_INVALID', 'Invalid token');
        // Errors about the page name its order, as Saferpay's error answers do where they can.
        const about = { OrderId: page.orderId };
        if (page.state === 'open')
          return Date.now() > Date.parse(page.expiresAt)
            ? error(400, requestId, 'ABORT', 'TOKEN_EXPIRED', 'The token is expired', about)
            : error(
                400,
                requestId,
                'RETRY_LATER',
                'TRANSACTION_NOT_STARTED',
                'Transaction not started',
                about,
              );
        if (page.state === 'aborted')
          return error(
            402,
            requestId,
            'ABORT',
            'TRANSACTION_ABORTED',
            'Transaction aborted by the payer',
            about,
          );
        if (page.state === 'declined')
          return error(
            402,
            requestId,
            'OTHER_MEANS',
            'TRANSACTION_DECLINED',
            'Transaction declined by acquirer',
            about,
          );
        const transaction = await findTransaction(tx, merchant.customerId, { id: page.transactionId ?? '' });
        if (!transaction) return error(400, requestId, 'ABORT', 'TOKEN_INVALID', 'Invalid token');
        const { brand, refundOf: _r, ...shown } = transaction;
        return ok(requestId, {
          Transaction: {
            ...shown,
            AcquirerName: 'Simulated acquirer',
            AcquirerReference: transaction.Id.slice(0, 8),
          },
          PaymentMeans: { Brand: { PaymentMethod: brand, Name: brand }, DisplayText: `${brand} xxxx 4242` },
          Liability: { LiabilityShift: true, LiableEntity: 'ThreeDs' },
        });
      }),

      api('Transaction/Capture', async (tx, merchant, body, requestId) => {
        const id = (body.TransactionReference as { TransactionId?: unknown } | undefined)?.TransactionId;
        const transaction =
          typeof id === 'string' ? await findTransaction(tx, merchant.customerId, { id }, true) : undefined;
        if (!transaction)
          return error(400, requestId, 'ABORT', 'TRANSACTION_NOT_FOUND', 'Transaction not found');
        if (transaction.Status === 'CAPTURED')
          return error(
            400,
            requestId,
            'ABORT',
            'TRANSACTION_ALREADY_CAPTURED',
            'Transaction already captured',
          );
        transaction.Status = 'CAPTURED';
        transaction.CaptureId = `${transaction.Id}_c`;
        await saveTransaction(tx, merchant.customerId, transaction);
        return ok(requestId, { CaptureId: transaction.CaptureId, Status: 'CAPTURED', Date: now() });
      }),

      api('Transaction/Refund', async (tx, merchant, body, requestId) => {
        const refund = body.Refund as { Amount?: unknown; OrderId?: unknown } | undefined;
        const captureId = (body.CaptureReference as { CaptureId?: unknown } | undefined)?.CaptureId;
        if (!amountOk(refund?.Amount) || typeof captureId !== 'string')
          return error(400, requestId, 'ABORT', 'VALIDATION_FAILED', 'Request validation failed');
        const captured = await findTransaction(tx, merchant.customerId, { captureId }, true);
        if (captured?.Type !== 'PAYMENT')
          return error(400, requestId, 'ABORT', 'TRANSACTION_NOT_FOUND', 'Capture not found');
        if (refund.Amount.CurrencyCode !== captured.Amount.CurrencyCode)
          return error(400, requestId, 'ABORT', 'CURRENCY_INVALID', 'Currency does not match');
        const given = (await refundsOf(tx, merchant.customerId, captureId)).reduce(
          (sum, r) => sum + Number(r.Amount.Value),
          0,
        );
        if (Number(refund.Amount.Value) > Number(captured.Amount.Value) - given)
          return error(
            400,
            requestId,
            'ABORT',
            'AMOUNT_INVALID',
            'The amount exceeds what is left to refund',
          );
        const transaction: SimulatedTransaction = {
          Id: newId(),
          Type: 'REFUND',
          Status: 'AUTHORIZED',
          Date: now(),
          Amount: refund.Amount,
          OrderId: typeof refund.OrderId === 'string' ? refund.OrderId : captured.OrderId,
          brand: captured.brand,
          refundOf: captureId,
        };
        await saveTransaction(tx, merchant.customerId, transaction);
        const { brand, refundOf: _r, ...shown } = transaction;
        return ok(requestId, {
          Transaction: shown,
          PaymentMeans: { Brand: { PaymentMethod: brand, Name: brand } },
        });
      }),

      {
        method: 'GET',
        path: `${base}/vt/:token`,
        access: 'anonymous',
        object: { none: 'a simulator of the payment provider (demo and tests)' },
        async handler(c) {
          const page = await findPage(db, c.req.param('token') ?? '');
          if (page?.state !== 'open' || Date.now() > Date.parse(page.expiresAt))
            return c.text('This payment page is no longer available', 404);
          return c.html(payPage(page));
        },
      },
      {
        method: 'POST',
        path: `${base}/vt/:token`,
        access: 'machine',
        rateLimit,
        object: { none: 'a simulator of the payment provider (demo and tests)' },
        async handler(c) {
          const form = await c.req.parseBody();
          // Locked while it ends: a second click finds it ended.
          const ended = await db.transaction().execute(async (tx) => {
            const page = await findPage(tx, c.req.param('token') ?? '', true);
            if (page?.state !== 'open' || Date.now() > Date.parse(page.expiresAt)) return undefined;
            const brand = page.methods.includes(String(form.brand))
              ? String(form.brand)
              : (page.methods[0] ?? 'VISA');
            const card = String(form.cardNumber ?? '').replace(/\s/g, '');
            const isCard = !['TWINT', 'POSTFINANCEPAY'].includes(brand);
            if (form.action === 'abort') page.state = 'aborted';
            else if (
              form.action === 'decline' ||
              (isCard && (!/^\d{13,19}$/.test(card) || card === declinedCard))
            )
              page.state = 'declined';
            else {
              page.state = 'paid';
              page.transactionId = newId();
              await saveTransaction(tx, page.customerId, {
                Id: page.transactionId,
                Type: 'PAYMENT',
                // TWINT and PostFinance Pay come back authorised like cards: the merchant captures.
                Status: 'AUTHORIZED',
                Date: now(),
                Amount: page.amount,
                OrderId: page.orderId,
                brand,
              });
            }
            await savePage(tx, page);
            return page;
          });
          if (!ended) return c.text('This payment page is no longer available', 404);
          void notify(ended.state === 'paid' ? ended.successNotifyUrl : ended.failNotifyUrl);
          return c.redirect(ended.returnUrl, 303);
        },
      },
    ];
  },
};
