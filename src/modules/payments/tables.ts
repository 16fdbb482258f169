import type { Generated } from 'kysely';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import type { JobName, JobPayloads } from '../../platform/jobs/job-names.ts';
import type { MandateTheme } from '../mandates/index.ts';

/**
 * `open`: asked, not paid (a failed or cancelled attempt leaves it open); `pending`: at the provider;
 * `refunded`: paid, then wholly given back; `cancelled`: what it was for ended before it was paid.
 */
export type PaymentStatus = 'open' | 'pending' | 'paid' | 'refunded' | 'cancelled';

/** The job enqueued, in the transaction that records the payment as paid, to tell whoever asked. */
export type SettledJob = { [Name in JobName]: { job: Name; payload: JobPayloads[Name] } }[JobName];

export interface PaymentsTables {
  payments: {
    id: Generated<string>;
    /** The merchant reference sent to the provider and shown on the receipt. */
    refno: Generated<string>;
    /** What people read and quote (the request's reference); null: the refno is shown. */
    reference: string | null;
    authority_id: string;
    account_id: string;
    purpose: LocalisedText;
    amount_cents: number;
    currency: string;
    status: PaymentStatus;
    /** Who asked, once: a second request with the same source returns the first payment. */
    source: string;
    /** Where the person follows what the payment is for (e.g. their request). */
    link: string;
    on_settled: SettledJob | null;
    provider_transaction_id: string | null;
    /** What the provider said about the last attempt that did not succeed. */
    last_outcome: 'failed' | 'canceled' | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    paid_at: Date | null;
    refunded_cents: Generated<number>;
    /** The mandate theme of what it pays for; none: only the account's people pay it. */
    theme: MandateTheme | null;
    /** The provider of its latest attempt (none: not tried yet, or before authorities had their own). */
    provider: Generated<ProviderKind | null>;
  };
  /** Each authority's provider, merchant (secrets sealed), creditor and accounting codes. */
  payment_settings: {
    authority_id: string;
    provider: ProviderKind;
    /** The merchant's identifiers, not secret (Datatrans' merchant id; Saferpay's customer, terminal, user). */
    merchant: Record<string, string>;
    /** The merchant's secrets as JSON, sealed with the master keys (`keyId.base64`). */
    merchant_secret: string;
    creditor: Creditor;
    accounting_codes: Record<string, string>;
    updated_at: Generated<Date>;
  };
  /** Every word exchanged with the provider, for reconciliation and disputes. */
  payment_events: {
    id: Generated<string>;
    payment_id: string;
    /**
     * `mismatch`: settled for another amount; `duplicate`: money taken that is not owed — a second
     * attempt settled too, or a payment made after it was cancelled (to refund);
     * `refund`: money given back (body: the credit, `refundOf` the transaction it gives back from).
     */
    kind: 'initiated' | 'webhook' | 'checked' | 'mismatch' | 'duplicate' | 'refund';
    provider_status: string | null;
    body: unknown;
    at: Generated<Date>;
  };
  /**
   * Money to give back, recorded before the provider is asked. `requested`: asked (or about to be) by
   * the `payments:ask-refund` job; `refunded`: the provider credited it; `refused`: the provider said
   * no, nothing moved; `unknown`: no answer while the provider still knew the idempotency key — to be
   * checked at the provider by its `refno`, never asked again automatically.
   */
  /** Why staff gave money back, as they wrote it (refunds made before it was asked have none). */
  payment_refund_reasons: { refund_id: string; reason: string };
  payment_refunds: {
    /** Also the `Idempotency-Key` of the credit asked of the provider. */
    id: Generated<string>;
    payment_id: string;
    /** The provider transaction the money is given back from. */
    refund_of: string;
    /** Given back from a second attempt paid too (not from the fee itself). */
    duplicate: boolean;
    amount_cents: number;
    /** The merchant reference of the credit at the provider: `{payment refno}-R{n}`. */
    refno: string;
    state: RefundState;
    credit_transaction_id: string | null;
    requested_by: string;
    requested_at: Generated<Date>;
    /** When the provider was first asked: its idempotency keys last an hour from then. */
    first_asked_at: Date | null;
    decided_at: Date | null;
    last_error: string | null;
  };
  /** Every money event, once (`event_key`), never changed: balances are sums over it. See ledger.ts. */
  payment_ledger: {
    id: Generated<number>;
    authority_id: string;
    payment_id: string | null;
    kind: LedgerKind;
    amount_cents: number;
    currency: string;
    provider: string | null;
    method: string | null;
    event_key: string;
    details: Generated<unknown>;
    at: Generated<Date>;
  };
  /** The QR-bill sent for a fee: its reference is what the bank reports back with the credit. */
  payment_bank_slips: {
    payment_id: string;
    authority_id: string;
    reference: string;
    reference_type: 'QRR' | 'SCOR';
    creditor_account: string;
    document_id: string | null;
    sent_by: string;
    created_at: Generated<Date>;
  };
  /**
   * A credit from a camt.054 notification, once per bank entry (`creditor_account`, `entry_key`).
   * `applied_cents`: the part that paid its fee; the rest (excess, or all of an unmatched credit) is
   * unassigned until staff resolve it.
   */
  payment_bank_credits: {
    id: Generated<string>;
    authority_id: string | null;
    creditor_account: string;
    entry_key: string;
    message_id: string | null;
    booking_date: string | null;
    value_date: string | null;
    amount_cents: number;
    currency: string;
    debtor_name: string | null;
    debtor_account: string | null;
    reference: string | null;
    reference_type: string | null;
    remittance: string | null;
    payment_id: string | null;
    outcome: 'settled' | 'partial' | 'excess' | 'unmatched';
    applied_cents: number;
    resolution: 'settled' | 'written_off' | null;
    resolved_by: string | null;
    resolved_at: Date | null;
    imported_at: Generated<Date>;
  };
  /** Webhook signatures already received, while their timestamp is still fresh (replays refused). */
  payment_webhook_signatures: {
    signature: string;
    expires_at: Date;
    received_at: Generated<Date>;
    /** Null while (or if) its transaction was not applied: a crash in between. */
    processed_at: Date | null;
  };
}

export type ProviderKind = 'datatrans' | 'saferpay';

/** Who the money goes to, as a QR-bill names them: an account and a structured address. */
export interface Creditor {
  iban?: string;
  qrIban?: string;
  name: string;
  street: string;
  buildingNumber?: string;
  postalCode: string;
  town: string;
  country: 'CH' | string;
}

export type RefundState = 'requested' | 'refunded' | 'refused' | 'unknown';

export type LedgerKind =
  | 'asked'
  | 'paid'
  | 'failed'
  | 'refunded'
  | 'transferred'
  | 'written_off'
  | 'cancelled';
