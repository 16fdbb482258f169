import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PaymentProviderConfig } from '../../platform/config/config.ts';

/** A transaction as Datatrans' JSON API describes it (the fields Guichet reads). */
export interface ProviderTransaction {
  transactionId: string;
  type?: string;
  /** initialized, authenticated, authorized, settled, transmitted, canceled, failed, … */
  status: string;
  currency: string;
  refno: string;
  detail?: { settle?: { amount?: number }; authorize?: { amount?: number } };
}

/** Statuses in which the money is the authority's (auto-settled payments). */
export const settledStatuses = ['settled', 'transmitted'];
export const unsuccessfulStatuses = ['canceled', 'failed'];

/**
 * Datatrans' redirect integration: `POST /v1/transactions` opens a transaction (Basic auth, merchant id
 * and password), the person pays on `{payUrl}/v1/start/{transactionId}`, the provider posts the
 * transaction to our webhook signed `Datatrans-Signature: t=…,s0=…`, and `GET /v1/transactions/{id}`
 * tells its status at any time (used on return and to reconcile).
 */
export function datatrans(config: PaymentProviderConfig) {
  const authorization = `Basic ${Buffer.from(`${config.merchantId}:${config.password}`).toString('base64')}`;
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${config.apiUrl}${path}`, {
      ...init,
      headers: { Authorization: authorization, 'Content-Type': 'application/json; charset=UTF-8' },
      signal: AbortSignal.timeout(15_000),
    });
    const body = await response.text();
    if (!response.ok)
      throw new Error(`Datatrans answered ${response.status} on ${path}: ${body.slice(0, 300)}`);
    return JSON.parse(body) as unknown;
  };
  return {
    async initiate(request: {
      refno: string;
      amountCents: number;
      currency: string;
      language: string;
      returnUrl: string;
      webhookUrl: string;
    }): Promise<{ transactionId: string; paymentUrl: string }> {
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
          webhook: { url: request.webhookUrl },
        }),
      })) as { transactionId: string };
      return { transactionId, paymentUrl: this.paymentUrl(transactionId) };
    },

    /** The provider's page where the person pays the transaction. */
    paymentUrl(transactionId: string): string {
      return `${config.payUrl}/v1/start/${encodeURIComponent(transactionId)}`;
    },

    async status(transactionId: string): Promise<ProviderTransaction> {
      return (await call(`/v1/transactions/${encodeURIComponent(transactionId)}`)) as ProviderTransaction;
    },

    /** Gives back (part of) a settled transaction's amount; resolves with the credit's own transaction id. */
    async refund(
      transactionId: string,
      request: { amountCents: number; currency: string; refno: string },
    ): Promise<string> {
      const credit = (await call(`/v1/transactions/${encodeURIComponent(transactionId)}/credit`, {
        method: 'POST',
        body: JSON.stringify({
          amount: request.amountCents,
          currency: request.currency,
          refno: request.refno,
        }),
      })) as { transactionId: string };
      return credit.transactionId;
    },

    /** Whether a webhook body was signed with our key (HMAC-SHA256 over the timestamp and the raw body). */
    verifies(rawBody: string, header: string | undefined): boolean {
      const parts = Object.fromEntries(
        (header ?? '').split(',').map((part) => part.trim().split('=') as [string, string]),
      );
      if (!parts.t || !parts.s0 || !/^[0-9a-f]{64}$/i.test(parts.s0)) return false;
      const expected = signature(config.signKey, parts.t, rawBody);
      return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(parts.s0, 'hex'));
    },
  };
}

export type Datatrans = ReturnType<typeof datatrans>;

/** The `s0` of Datatrans' webhook signature: HMAC-SHA256 keyed by the hex sign key over `t` + body. */
export function signature(signKeyHex: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', Buffer.from(signKeyHex, 'hex'))
    .update(timestamp + rawBody)
    .digest('hex');
}
