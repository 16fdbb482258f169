import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PaymentProviderConfig } from '../../platform/config/config.ts';
import {
  type InitiateRequest,
  type Notification,
  type PaymentMethod,
  type PaymentProvider,
  ProviderAnswer,
  type ProviderTransaction,
} from './provider.ts';

/** Datatrans' payment method codes for what the person chose. */
const methodCodes: Record<PaymentMethod, string[]> = {
  card: ['VIS', 'ECA', 'AMX'],
  twint: ['TWI'],
  postfinance: ['PFC', 'PEF'],
};

/** The method a transaction was paid with, from Datatrans' code of it. */
export const methodOf = (code: string | undefined): PaymentMethod | undefined =>
  (Object.keys(methodCodes) as PaymentMethod[]).find((method) => code && methodCodes[method].includes(code));

/**
 * How far a webhook's timestamp may be from our clock (either way) to be believed; a signed webhook
 * older than this is a replay. Its signature is remembered this long (see `payment_webhook_signatures`).
 */
export const webhookFreshnessMs = 5 * 60_000;

/** The largest webhook body accepted: a transaction is a few kilobytes. */
export const webhookMaxBytes = 64 * 1024;

/**
 * How long Datatrans remembers an `Idempotency-Key` (60 minutes, per its API documentation), less a
 * margin: after this, asking again with the same key could credit twice, so we no longer ask.
 */
export const idempotencyWindowMs = 50 * 60_000;

/**
 * Datatrans' redirect integration: `POST /v1/transactions` opens a transaction (Basic auth, merchant id
 * and password), the person pays on `{payUrl}/v1/start/{transactionId}`, the provider posts the
 * transaction to our webhook signed `Datatrans-Signature: t=…,s0=…`, and `GET /v1/transactions/{id}`
 * tells its status at any time (used on return and to reconcile).
 */
export function datatrans(config: PaymentProviderConfig): PaymentProvider & Datatrans {
  const authorization = `Basic ${Buffer.from(`${config.merchantId}:${config.password}`).toString('base64')}`;
  const call = async (path: string, init: RequestInit = {}, idempotencyKey?: string) => {
    const response = await fetch(`${config.apiUrl}${path}`, {
      ...init,
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/json; charset=UTF-8',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      signal: AbortSignal.timeout(15_000),
    });
    const body = await response.text();
    if (!response.ok)
      throw new ProviderAnswer(
        response.status,
        `Datatrans answered ${response.status} on ${path}: ${body.slice(0, 300)}`,
      );
    return JSON.parse(body) as unknown;
  };
  const provider = {
    kind: 'datatrans' as const,
    methods: Object.keys(methodCodes) as PaymentMethod[],
    idempotencyWindowMs,
    // Datatrans lets an unpaid transaction expire after 30 minutes.
    attemptLifetimeMs: 25 * 60_000,
    async initiate(request: InitiateRequest): Promise<{ transactionId: string; paymentUrl: string }> {
      const { transactionId } = (await call('/v1/transactions', {
        method: 'POST',
        body: JSON.stringify({
          currency: request.currency,
          refno: request.refno,
          amount: request.amountCents,
          language: request.language,
          autoSettle: true,
          redirect: {
            successUrl: request.returnUrl,
            cancelUrl: request.returnUrl,
            errorUrl: request.returnUrl,
          },
          webhook: { url: request.notifyUrl },
          ...(request.method ? { paymentMethods: methodCodes[request.method] } : {}),
        }),
      })) as { transactionId: string };
      return { transactionId, paymentUrl: provider.resumeUrl(transactionId) };
    },

    /** The provider's page where the person pays the transaction. */
    resumeUrl(transactionId: string): string {
      return `${config.payUrl}/v1/start/${encodeURIComponent(transactionId)}`;
    },

    async status(transactionId: string): Promise<ProviderTransaction> {
      const transaction = (await call(
        `/v1/transactions/${encodeURIComponent(transactionId)}`,
      )) as ProviderTransaction & { paymentMethod?: string };
      const method = methodOf(transaction.paymentMethod);
      return method ? { ...transaction, method } : transaction;
    },

    /**
     * Gives back (part of) a settled transaction's amount; resolves with the credit's own transaction
     * id. The same `idempotencyKey` (and body) asked again within the provider's hour credits once and
     * answers the first answer again; throws `ProviderAnswer` on an error status.
     */
    async refund(
      transactionId: string,
      request: { amountCents: number; currency: string; refno: string },
      idempotencyKey: string,
    ): Promise<string> {
      const credit = (await call(
        `/v1/transactions/${encodeURIComponent(transactionId)}/credit`,
        {
          method: 'POST',
          body: JSON.stringify({
            amount: request.amountCents,
            currency: request.currency,
            refno: request.refno,
          }),
        },
        idempotencyKey,
      )) as { transactionId: string };
      return credit.transactionId;
    },

    /**
     * Whether a webhook body was signed with our key (HMAC-SHA256 over the timestamp and the raw body)
     * at a time close enough to `now`: `stale` when signed, but too old (or too far ahead) to be
     * believed. A good one gives its signature, which a replay would repeat.
     */
    verifyWebhook(
      rawBody: string,
      header: string | undefined,
      now: Date,
    ): { signature: string; signedAt: Date } | 'invalid' | 'stale' {
      const parts = Object.fromEntries(
        (header ?? '').split(',').map((part) => part.trim().split('=') as [string, string]),
      );
      if (!parts.t || !/^\d{1,15}$/.test(parts.t) || !parts.s0 || !/^[0-9a-f]{64}$/i.test(parts.s0))
        return 'invalid';
      const expected = signature(config.signKey, parts.t, rawBody);
      if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(parts.s0, 'hex'))) return 'invalid';
      // Datatrans' `t` is in milliseconds since the epoch.
      const signedAt = new Date(Number(parts.t));
      if (Math.abs(now.getTime() - signedAt.getTime()) > webhookFreshnessMs) return 'stale';
      return { signature: parts.s0.toLowerCase(), signedAt };
    },

    /** The webhook, believed when signed and fresh: its body is the transaction. */
    async notification(notice: { rawBody: string; signature?: string }, now: Date): Promise<Notification> {
      const verdict = provider.verifyWebhook(notice.rawBody, notice.signature, now);
      if (verdict === 'invalid' || verdict === 'stale') return verdict;
      const transaction = JSON.parse(notice.rawBody) as ProviderTransaction; // signed: well-formed
      return { transaction, signature: { value: verdict.signature, signedAt: verdict.signedAt } };
    },
  };
  return provider;
}

/** What only Datatrans has: its webhook's signature. */
export interface Datatrans {
  verifyWebhook(
    rawBody: string,
    header: string | undefined,
    now: Date,
  ): { signature: string; signedAt: Date } | 'invalid' | 'stale';
}

/** The `s0` of Datatrans' webhook signature: HMAC-SHA256 keyed by the hex sign key over `t` + body. */
export function signature(signKeyHex: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', Buffer.from(signKeyHex, 'hex'))
    .update(timestamp + rawBody)
    .digest('hex');
}
