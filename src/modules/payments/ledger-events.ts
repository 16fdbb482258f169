import type { MoneyEvent } from './ledger.ts';
import type { Payment } from './payments.ts';

/**
 * The ledger events of the fee's life, built from what each code path has at hand: one call where the
 * event happens (asking, the provider's answer, a refund, a cancellation, a bank credit).
 */
type Fee = Pick<Payment, 'id' | 'authority_id' | 'amount_cents' | 'currency'>;

const of = (fee: Fee) => ({ authorityId: fee.authority_id, paymentId: fee.id, currency: fee.currency });

/** The payment method the provider names (Datatrans: `VIS`, `ECA`, `TWI`, `PFC`, …), when it does. */
const methodOf = (transaction: object) =>
  'paymentMethod' in transaction && typeof transaction.paymentMethod === 'string'
    ? transaction.paymentMethod
    : null;

export const askedEvent = (fee: Fee): MoneyEvent => ({
  ...of(fee),
  kind: 'asked',
  amountCents: fee.amount_cents,
  eventKey: `asked:${fee.id}`,
});

export const paidEvent = (
  fee: Fee,
  provider: string,
  transaction: { transactionId: string } & object,
): MoneyEvent => ({
  ...of(fee),
  kind: 'paid',
  amountCents: fee.amount_cents,
  provider,
  method: methodOf(transaction),
  eventKey: `paid:${fee.id}`,
  details: { transactionId: transaction.transactionId },
});

export const failedEvent = (
  fee: Fee,
  provider: string,
  transaction: { transactionId: string; status: string } & object,
): MoneyEvent => ({
  ...of(fee),
  kind: 'failed',
  amountCents: fee.amount_cents,
  provider,
  method: methodOf(transaction),
  eventKey: `failed:${transaction.transactionId}`,
  details: { transactionId: transaction.transactionId, outcome: transaction.status },
});

export const refundedEvent = (
  fee: Fee,
  provider: string,
  refund: { id: string; amount_cents: number; refund_of: string },
): MoneyEvent => ({
  ...of(fee),
  kind: 'refunded',
  amountCents: refund.amount_cents,
  provider,
  eventKey: `refunded:${refund.id}`,
  details: { refundOf: refund.refund_of },
});

export const cancelledEvent = (fee: Fee): MoneyEvent => ({
  ...of(fee),
  kind: 'cancelled',
  amountCents: fee.amount_cents,
  eventKey: `cancelled:${fee.id}`,
});
