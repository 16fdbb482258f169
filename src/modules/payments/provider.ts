import type { ProviderKind } from './tables.ts';

/** How the person pays, as they choose it on Guichet's page; each provider offers some of these. */
export type PaymentMethod = 'card' | 'twint' | 'postfinance';
export const paymentMethods: readonly PaymentMethod[] = ['card', 'twint', 'postfinance'];

/**
 * A provider's transaction in Guichet's words, whichever provider it is (Datatrans' vocabulary, which
 * came first): `initialized` while the person is on the page, `settled`/`transmitted` once the money
 * is the authority's, `canceled` or `failed` when it ended without money, others in between.
 */
export interface ProviderTransaction {
  transactionId: string;
  type?: string;
  status: string;
  currency: string;
  refno: string;
  detail?: {
    settle?: { amount?: number };
    authorize?: { amount?: number };
    /** What a refund refers to at providers that refund a capture rather than a transaction (Saferpay). */
    captureId?: string;
  };
  method?: PaymentMethod;
}

/** Statuses in which the money is the authority's (auto-settled payments). */
export const settledStatuses = ['settled', 'transmitted'];
export const unsuccessfulStatuses = ['canceled', 'failed'];

/** The provider answered with an error status (rather than not answering). */
export class ProviderAnswer extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The provider said so in so many words: nothing was done (Saferpay's `Behavior: ABORT`). */
    private readonly certainlyNothing?: boolean,
  ) {
    super(message);
  }

  /**
   * Whether the provider certainly did nothing: a 4xx answer, except 409 (the same key is still being
   * processed), 422 (the key was used with another body) and 429 (slow down), which say nothing of it.
   */
  get nothingDone(): boolean {
    if (this.certainlyNothing !== undefined) return this.certainlyNothing;
    return this.status >= 400 && this.status < 500 && ![409, 422, 429].includes(this.status);
  }
}

export interface InitiateRequest {
  refno: string;
  amountCents: number;
  currency: string;
  language: string;
  /** Where the person comes back to, whatever happened. */
  returnUrl: string;
  /** Where the provider tells Guichet of the outcome, server to server. */
  notifyUrl: string;
  /** The method the person chose; the provider's page then offers only it. */
  method?: PaymentMethod;
  /** What is paid, shown on the provider's page. */
  description?: string;
}

/** What a notification from the provider says, once believed; a signed one has a signature to replay. */
export type Notification =
  | { transaction: ProviderTransaction; signature?: { value: string; signedAt: Date } }
  | 'invalid'
  | 'stale';

/**
 * A payment provider with a hosted payment page: one implementation per provider, each run through
 * the same contract suite (`provider-contract.ts`) against its simulator.
 */
export interface PaymentProvider {
  readonly kind: ProviderKind;
  /** The methods this merchant offers, for the person to choose from. */
  readonly methods: readonly PaymentMethod[];
  /**
   * How long the provider remembers a retried request (idempotency key, request id) after the first
   * try, less a margin: after this, asking again could do it twice, so Guichet no longer asks.
   */
  readonly idempotencyWindowMs: number;
  /** How long an attempt the person left unfinished can still be paid where it is. */
  readonly attemptLifetimeMs: number;
  initiate(request: InitiateRequest): Promise<{ transactionId: string; paymentUrl: string }>;
  /** Where the person resumes an attempt still open; none: the provider cannot resume, start anew. */
  resumeUrl(transactionId: string): string | undefined;
  /**
   * The transaction as it is now, finalised where the provider needs it (Saferpay: captured once
   * asserted authorised). Asked on return, on notification and by reconciliation.
   */
  status(transactionId: string): Promise<ProviderTransaction>;
  /**
   * Gives back (part of) a settled transaction; resolves with the credit's own id. The same
   * `idempotencyKey` asked again (`attempt` > 1) credits once and answers the first answer again;
   * throws `ProviderAnswer` on an error answer.
   */
  refund(
    transactionId: string,
    request: { amountCents: number; currency: string; refno: string; paid?: ProviderTransaction },
    idempotencyKey: string,
    attempt?: number,
  ): Promise<string>;
  /**
   * Believes a notification only as the provider's guide says: Datatrans signs its webhook (checked,
   * fresh); Saferpay's call carries nothing, so the transaction is asked of the API.
   */
  notification(
    notice: { rawBody: string; signature?: string; transactionId?: string },
    now: Date,
  ): Promise<Notification>;
}
