import type { MoneyEvent } from './ledger.ts';
import type { Payment } from './payments.ts';
import type { ProviderTransaction } from './provider.ts';

/**
 * The ledger events of the fee's life, built from what each code path has at hand: one call where the
 * event happens (asking, the provider's answer, a refund, a cancellation, a bank credit).
 */
type Fee = Pick<Payment, 'id' | 'authority_id' | 'amount_cents' | 'currency'>;
/** A fee paid through a provider: the one of its latest attempt (Datatrans before authorities had their own). */
type ProviderFee = Fee & Pick<Payment, 'provider'>;

const of = (fee: Fee) => ({ authorityId: fee.authority_id, paymentId: fee.id, currency: fee.currency });

const providerOf = (fee: ProviderFee) => fee.provider ?? 'datatrans';

export const askedEvent = (fee: Fee): MoneyEvent => ({
  ...of(fee),
  kind: 'asked',
  amountCents: fee.amount_cents,
  eventKey: `asked:${fee.id}`,
});

/** Paid through the provider, by the method the person chose (card, TWINT, PostFinance). */
export const paidEvent = (
  fee: ProviderFee,
  transaction: ProviderTransaction,
  method?: string,
): MoneyEvent => ({
  ...of(fee),
  kind: 'paid',
  amountCents: fee.amount_cents,
  provider: providerOf(fee),
  method: transaction.method ?? method ?? null,
  eventKey: `paid:${fee.id}`,
  details: { transactionId: transaction.transactionId },
});

/**
 * Money the provider took that no fee claims (a second attempt paid too, or a payment after the fee was
 * cancelled): received, without a fee, until it is refunded.
 */
export const duplicateEvent = (fee: ProviderFee, transaction: ProviderTransaction): MoneyEvent => ({
  ...of(fee),
  paymentId: null,
  kind: 'paid',
  amountCents:
    transaction.detail?.settle?.amount ?? transaction.detail?.authorize?.amount ?? fee.amount_cents,
  provider: providerOf(fee),
  method: transaction.method ?? null,
  eventKey: `paid:duplicate:${transaction.transactionId}`,
  details: { paymentId: fee.id, transactionId: transaction.transactionId, duplicate: true },
});

export const failedEvent = (
  fee: ProviderFee,
  transaction: ProviderTransaction,
  method?: string,
): MoneyEvent => ({
  ...of(fee),
  kind: 'failed',
  amountCents: fee.amount_cents,
  provider: providerOf(fee),
  method: transaction.method ?? method ?? null,
  eventKey: `failed:${transaction.transactionId}`,
  details: { transactionId: transaction.transactionId, outcome: transaction.status },
});

export const refundedEvent = (
  fee: ProviderFee,
  refund: { id: string; amount_cents: number; refund_of: string },
): MoneyEvent => ({
  ...of(fee),
  kind: 'refunded',
  amountCents: refund.amount_cents,
  provider: providerOf(fee),
  eventKey: `refunded:${refund.id}`,
  details: { refundOf: refund.refund_of },
});

export const cancelledEvent = (fee: Fee): MoneyEvent => ({
  ...of(fee),
  kind: 'cancelled',
  amountCents: fee.amount_cents,
  eventKey: `cancelled:${fee.id}`,
});
