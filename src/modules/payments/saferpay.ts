import { randomUUID } from 'node:crypto';
import type { Merchant } from './payment-settings.ts';
import {
  type InitiateRequest,
  type Notification,
  type PaymentMethod,
  type PaymentProvider,
  ProviderAnswer,
  type ProviderTransaction,
} from './provider.ts';

/** The version of Saferpay's JSON API this client speaks (its `RequestHeader.SpecVersion`). */
export const saferpaySpecVersion = '1.40';

/** Saferpay's `PaymentMethods` for what the person chose. */
const methodCodes: Record<PaymentMethod, string[]> = {
  card: ['VISA', 'MASTERCARD', 'AMEX'],
  twint: ['TWINT'],
  postfinance: ['POSTFINANCEPAY'],
};

const methodOf = (brand: string | undefined): PaymentMethod | undefined =>
  (Object.keys(methodCodes) as PaymentMethod[]).find(
    (method) => brand && methodCodes[method].includes(brand),
  );

/** A Saferpay error answer: `Behavior` says whether to retry, `ErrorName` what went wrong. */
interface SaferpayError {
  Behavior?: 'ABORT' | 'RETRY' | 'RETRY_LATER' | 'OTHER_MEANS';
  ErrorName?: string;
  ErrorMessage?: string;
  TransactionId?: string;
  OrderId?: string;
}

/** Assert's answer (the fields Guichet reads). */
interface Asserted {
  Transaction: {
    Type: string;
    Status: 'AUTHORIZED' | 'CAPTURED' | 'PENDING';
    Id: string;
    CaptureId?: string;
    Amount: { Value: string; CurrencyCode: string };
    OrderId?: string;
  };
  PaymentMeans?: { Brand?: { PaymentMethod?: string } };
}

/** Assert errors that mean the person has not finished on the page yet. */
const stillOnPage = ['TRANSACTION_NOT_STARTED', 'TRANSACTION_IN_WRONG_STATE'];
/** Assert errors that mean the attempt ended without money because nobody paid. */
const abandoned = ['TRANSACTION_ABORTED', 'TOKEN_EXPIRED'];

/**
 * Worldline Saferpay's JSON API, Payment Page interface: `PaymentPage/Initialize` opens a page (a token
 * and its `RedirectUrl`), the person pays there, `PaymentPage/Assert` by token tells the outcome, an
 * authorised transaction is then captured (`Transaction/Capture`); refunds are `Transaction/Refund` of
 * the capture, then captured too. Every request carries `RequestHeader { SpecVersion, CustomerId,
 * RequestId, RetryIndicator }` and HTTP basic auth with the JSON API user; a retry repeats the
 * `RequestId` with `RetryIndicator` > 0, and Saferpay answers it without doing it twice.
 * Its notification (`SuccessNotifyUrl`/`FailNotifyUrl`) carries no data and no signature: as its
 * integration guide says, the merchant asserts the token it already knows.
 */
export function saferpay(
  merchant: Extract<Merchant, { provider: 'saferpay' }>,
  endpoint: { apiUrl: string },
): PaymentProvider {
  const authorization = `Basic ${Buffer.from(`${merchant.apiUser}:${merchant.apiPassword}`).toString('base64')}`;
  const call = async <T>(
    path: string,
    body: object,
    requestId: string = randomUUID(),
    retry = 0,
  ): Promise<T> => {
    const response = await fetch(`${endpoint.apiUrl}${path}`, {
      method: 'POST',
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json',
      },
      body: JSON.stringify({
        RequestHeader: {
          SpecVersion: saferpaySpecVersion,
          CustomerId: merchant.customerId,
          RequestId: requestId,
          RetryIndicator: Math.min(retry, 9),
        },
        ...body,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) {
      const error = (() => {
        try {
          return JSON.parse(text) as SaferpayError;
        } catch {
          return {} as SaferpayError;
        }
      })();
      throw new SaferpayAnswer(response.status, path, error, text);
    }
    return JSON.parse(text) as T;
  };

  const provider: PaymentProvider = {
    kind: 'saferpay',
    methods: Object.keys(methodCodes) as PaymentMethod[],
    // Saferpay answers a retried request id for a limited time; we stay within the same hour as Datatrans.
    idempotencyWindowMs: 50 * 60_000,
    // A Payment Page session normally lasts 20 minutes (up to about an hour with 3-D Secure).
    attemptLifetimeMs: 20 * 60_000,

    async initiate(request: InitiateRequest) {
      const answer = await call<{ Token: string; RedirectUrl: string }>(
        '/Payment/v1/PaymentPage/Initialize',
        {
          TerminalId: merchant.terminalId,
          Payment: {
            Amount: { Value: String(request.amountCents), CurrencyCode: request.currency },
            OrderId: request.refno,
            Description: (request.description ?? request.refno).slice(0, 1000),
          },
          ...(request.method ? { PaymentMethods: methodCodes[request.method] } : {}),
          Payer: { LanguageCode: request.language },
          ReturnUrl: { Url: request.returnUrl },
          Notification: { SuccessNotifyUrl: request.notifyUrl, FailNotifyUrl: request.notifyUrl },
        },
      );
      return { transactionId: answer.Token, paymentUrl: answer.RedirectUrl };
    },

    // Saferpay's RedirectUrl is opaque: an unfinished page cannot be reopened from its token.
    resumeUrl: () => undefined,

    async status(token: string): Promise<ProviderTransaction> {
      let asserted: Asserted;
      try {
        asserted = await call<Asserted>('/Payment/v1/PaymentPage/Assert', { Token: token });
      } catch (error) {
        if (!(error instanceof SaferpayAnswer) || !error.name$) throw error;
        // 402: the payment itself did not go through (declined, 3-D Secure failed, …); other errors
        // (an unknown token, a validation error) say nothing of it.
        const status = stillOnPage.includes(error.name$)
          ? 'initialized'
          : abandoned.includes(error.name$)
            ? 'canceled'
            : error.status === 402
              ? 'failed'
              : undefined;
        if (!status) throw error;
        return { transactionId: token, status, currency: '', refno: error.orderId ?? '', type: 'payment' };
      }
      let { Transaction: transaction } = asserted;
      if (transaction.Status === 'AUTHORIZED') {
        // The money is only the authority's once captured: done here, once, whoever asserts first.
        const captured = await call<{ CaptureId: string; Status: string }>(
          '/Payment/v1/Transaction/Capture',
          { TransactionReference: { TransactionId: transaction.Id } },
          `capture-${transaction.Id}`.slice(0, 50),
        ).catch(async (error: unknown) => {
          if (error instanceof SaferpayAnswer && error.name$ === 'TRANSACTION_ALREADY_CAPTURED')
            return (await call<Asserted>('/Payment/v1/PaymentPage/Assert', { Token: token })).Transaction;
          throw error;
        });
        transaction = { ...transaction, Status: 'CAPTURED', CaptureId: captured.CaptureId };
      }
      const amount = Number(transaction.Amount.Value);
      const method = methodOf(asserted.PaymentMeans?.Brand?.PaymentMethod);
      return {
        transactionId: token,
        type: 'payment',
        status: transaction.Status === 'CAPTURED' ? 'settled' : 'authorized',
        currency: transaction.Amount.CurrencyCode,
        refno: transaction.OrderId ?? '',
        detail: {
          authorize: { amount },
          ...(transaction.Status === 'CAPTURED' ? { settle: { amount } } : {}),
          ...(transaction.CaptureId ? { captureId: transaction.CaptureId } : {}),
        },
        ...(method ? { method } : {}),
      };
    },

    async refund(token, request, idempotencyKey, attempt = 1) {
      const captureId = request.paid?.detail?.captureId ?? (await provider.status(token)).detail?.captureId;
      if (!captureId) throw new ProviderAnswer(400, `Saferpay transaction ${token} has no capture to refund`);
      const retry = attempt - 1;
      const refunded = await call<{ Transaction: { Id: string; Status: string } }>(
        '/Payment/v1/Transaction/Refund',
        {
          Refund: {
            Amount: { Value: String(request.amountCents), CurrencyCode: request.currency },
            OrderId: request.refno,
          },
          CaptureReference: { CaptureId: captureId },
        },
        idempotencyKey,
        retry,
      );
      // A refund is itself authorised, then captured, like a payment.
      if (refunded.Transaction.Status !== 'CAPTURED')
        await call(
          '/Payment/v1/Transaction/Capture',
          { TransactionReference: { TransactionId: refunded.Transaction.Id } },
          `${idempotencyKey}-capture`,
          retry,
        ).catch((error: unknown) => {
          if (!(error instanceof SaferpayAnswer && error.name$ === 'TRANSACTION_ALREADY_CAPTURED'))
            throw error;
        });
      return refunded.Transaction.Id;
    },

    async notification(notice: { transactionId?: string }): Promise<Notification> {
      if (!notice.transactionId) return 'invalid';
      return { transaction: await provider.status(notice.transactionId) };
    },
  };
  return provider;
}

/** Saferpay's error answer, with what it says to do about it. */
export class SaferpayAnswer extends ProviderAnswer {
  readonly name$: string | undefined;
  readonly behavior: SaferpayError['Behavior'];
  /** The merchant's reference of the transaction concerned, where Saferpay gives it. */
  readonly orderId: string | undefined;

  constructor(status: number, path: string, error: SaferpayError, text: string) {
    // `ABORT` on a 4xx: refused, nothing done; a retried request (same id) never does it twice.
    super(
      status,
      `Saferpay answered ${status} on ${path}: ${error.ErrorName ?? text.slice(0, 300)}`,
      status >= 400 && status < 500 && error.Behavior === 'ABORT' ? true : undefined,
    );
    this.name$ = error.ErrorName;
    this.behavior = error.Behavior;
    this.orderId = error.OrderId;
  }
}
