import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { auditedTx } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { emitEvent } from '../../platform/events/emit-event.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { recordMoneyEvent } from './ledger.ts';
import { refundedEvent } from './ledger-events.ts';
import { locked, type Payment, paymentEvent, tellAbout } from './payments.ts';
import {
  type PaymentProvider,
  ProviderAnswer,
  type ProviderTransaction,
  settledStatuses,
} from './provider.ts';
import type { PaymentsTables, RefundState } from './tables.ts';

export type Refund = Selectable<PaymentsTables['payment_refunds']>;
/** A refund with the reason staff gave (none for refunds made before reasons were asked). */
export type RefundWithReason = Refund & { reason: string | null };

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/**
 * How many times the job asks the provider. graphile-worker waits e^n seconds before attempt n + 1, so
 * eight attempts span about half an hour: all within the hour the provider keeps our idempotency key.
 */
export const refundAttempts = 8;

/** Refunds that took (or may have taken) money back: what is left to give back excludes them. */
const countedStates: RefundState[] = ['requested', 'refunded', 'unknown'];

/** A settled transaction of a payment and what is left of it to give back. */
export interface Refundable {
  transactionId: string;
  settledCents: number;
  /** Given back, being given back, or perhaps given back (to check at the provider). */
  refundedCents: number;
  /** The transaction that paid the fee, or a second attempt paid too. */
  duplicate: boolean;
}

/** What money of a payment can be given back: the transaction that paid it, and any duplicates. */
export async function refundables(db: Db, payment: Payment): Promise<Refundable[]> {
  const duplicates = await tables(db)
    .selectFrom('payment_events')
    .select('body')
    .where('payment_id', '=', payment.id)
    .where('kind', '=', 'duplicate')
    .execute();
  const refunds = await tables(db)
    .selectFrom('payment_refunds')
    .select(['refund_of', 'amount_cents'])
    .where('payment_id', '=', payment.id)
    .where('state', 'in', countedStates)
    .execute();
  const refunded = (transactionId: string) =>
    refunds.filter((r) => r.refund_of === transactionId).reduce((sum, r) => sum + r.amount_cents, 0);
  const paid =
    payment.provider_transaction_id && (payment.status === 'paid' || payment.status === 'refunded')
      ? [
          {
            transactionId: payment.provider_transaction_id,
            settledCents: payment.amount_cents,
            duplicate: false,
          },
        ]
      : [];
  const twice = duplicates.map(({ body }) => {
    const transaction = body as ProviderTransaction;
    return {
      transactionId: transaction.transactionId,
      settledCents: transaction.detail?.settle?.amount ?? payment.amount_cents,
      duplicate: true,
    };
  });
  return [...paid, ...twice].map((t) => ({ ...t, refundedCents: refunded(t.transactionId) }));
}

/** The payment a refund gives money back from (for the job, which knows only the refund). */
export async function paymentOfRefund(db: Db, refundId: string): Promise<Payment | undefined> {
  return tables(db)
    .selectFrom('payments')
    .selectAll('payments')
    .innerJoin('payment_refunds as r', 'r.payment_id', 'payments.id')
    .where('r.id', '=', refundId)
    .executeTakeFirst();
}

/** The refunds of one of an authority's payments, oldest first. */
export async function refundsOf(db: Db, authorityId: string, paymentId: string): Promise<RefundWithReason[]> {
  return tables(db)
    .selectFrom('payment_refunds as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .leftJoin('payment_refund_reasons as why', 'why.refund_id', 'r.id')
    .selectAll('r')
    .select('why.reason')
    .where('r.payment_id', '=', paymentId)
    .where('p.authority_id', '=', authorityId)
    .orderBy('r.requested_at')
    .execute();
}

/**
 * Records that money of one of an authority's payments is to be given back, and enqueues the job that
 * asks the provider (`askRefund`), in one audited transaction: once this returns, the refund cannot be
 * lost. The payment row is locked meanwhile, so a second click waits and then finds less left to give.
 */
export async function requestRefund(
  db: Db,
  authorityId: string,
  paymentId: string,
  request: { transactionId: string; amountCents: number; actor: string; reason: string },
): Promise<RefundWithReason | 'too_much'> {
  const reason = request.reason.trim();
  if (!reason || reason.length > 1000) throw new Error('A refund needs a reason of at most 1000 characters');
  return db.transaction().execute(async (tx) => {
    const payment = await tables(tx)
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', paymentId)
      .where('authority_id', '=', authorityId)
      .forUpdate()
      .executeTakeFirst();
    if (!payment) throw notFound();
    const target = (await refundables(tx, payment)).find((t) => t.transactionId === request.transactionId);
    if (
      !target ||
      !Number.isInteger(request.amountCents) ||
      request.amountCents < 1 ||
      request.amountCents > target.settledCents - target.refundedCents
    )
      return 'too_much';
    const { n } = await tables(tx)
      .selectFrom('payment_refunds')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('payment_id', '=', payment.id)
      .executeTakeFirstOrThrow();
    return auditedTx(
      tx,
      (refund: RefundWithReason) =>
        paymentEvent(request.actor, 'payment.refund.requested', payment, {
          refundId: refund.id,
          refundOf: target.transactionId,
          amountCents: refund.amount_cents,
          reason,
        }),
      async (tx) => {
        const refund = await tables(tx)
          .insertInto('payment_refunds')
          .values({
            payment_id: payment.id,
            refund_of: target.transactionId,
            duplicate: target.duplicate,
            amount_cents: request.amountCents,
            refno: `${payment.refno}-R${Number(n) + 1}`,
            state: 'requested',
            credit_transaction_id: null,
            requested_by: request.actor,
            first_asked_at: null,
            decided_at: null,
            last_error: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await tables(tx)
          .insertInto('payment_refund_reasons')
          .values({ refund_id: refund.id, reason })
          .execute();
        await enqueue(tx, 'payments:ask-refund', { refundId: refund.id }, { maxAttempts: refundAttempts });
        return { ...refund, reason };
      },
    );
  });
}

/**
 * The job's work: asks the provider for a requested refund, with the refund's id as `Idempotency-Key`,
 * then records the answer. Run again after a crash at any point, it gives the money back once: asked
 * again, the provider answers its first answer; recorded already, nothing is done. Without an answer
 * it throws (the job retries); without one on the last attempt, or once the provider may have forgotten
 * the key, the refund is `unknown`, to be checked at the provider, and never asked again.
 */
export async function askRefund(
  db: Db,
  provider: Pick<PaymentProvider, 'refund' | 'idempotencyWindowMs'>,
  refundId: string,
  attempt: { number: number; max: number },
  now: Date,
): Promise<RefundState | undefined> {
  const refund = await tables(db)
    .selectFrom('payment_refunds')
    .selectAll()
    .where('id', '=', refundId)
    .executeTakeFirst();
  if (refund?.state !== 'requested') return refund?.state;
  if (refund.first_asked_at && now.getTime() - refund.first_asked_at.getTime() > provider.idempotencyWindowMs)
    return decide(db, refund, 'unknown', { error: 'no answer while the provider kept the idempotency key' });
  if (!refund.first_asked_at)
    await tables(db)
      .updateTable('payment_refunds')
      .set({ first_asked_at: now })
      .where('id', '=', refund.id)
      .where('first_asked_at', 'is', null)
      .execute();
  const payment = await tables(db)
    .selectFrom('payments')
    .select('currency')
    .where('id', '=', refund.payment_id)
    .executeTakeFirstOrThrow();
  // What the provider said when it was paid: some providers refund a capture, named there.
  const paid = await tables(db)
    .selectFrom('payment_events')
    .select('body')
    .where('payment_id', '=', refund.payment_id)
    .where(sql`body->>'transactionId'`, '=', refund.refund_of)
    .where('provider_status', 'in', settledStatuses)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  let creditId: string;
  try {
    creditId = await provider.refund(
      refund.refund_of,
      {
        amountCents: refund.amount_cents,
        currency: payment.currency,
        refno: refund.refno,
        paid: paid?.body as ProviderTransaction | undefined,
      },
      refund.id,
      attempt.number,
    );
  } catch (error) {
    if (error instanceof ProviderAnswer && error.nothingDone)
      return decide(db, refund, 'refused', { error: error.message });
    if (attempt.number >= attempt.max) return decide(db, refund, 'unknown', { error: String(error) });
    await tables(db)
      .updateTable('payment_refunds')
      .set({ last_error: String(error).slice(0, 500) })
      .where('id', '=', refund.id)
      .execute();
    throw error;
  }
  return decide(db, refund, 'refunded', { creditId });
}

/**
 * Records the provider's answer once: the refund row is locked and must still be `requested`. Money
 * given back from the fee itself counts towards the payment's refunded amount; the account's people are
 * told that money came back.
 */
async function decide(
  db: Db,
  refund: Refund,
  state: Exclude<RefundState, 'requested'>,
  outcome: { creditId?: string; error?: string },
): Promise<RefundState> {
  return db.transaction().execute(async (tx) => {
    const still = await tables(tx)
      .selectFrom('payment_refunds')
      .select('state')
      .where('id', '=', refund.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (still.state !== 'requested') return still.state;
    const payment = await locked(tx, { id: refund.payment_id });
    const details = {
      refundId: refund.id,
      refundOf: refund.refund_of,
      amountCents: refund.amount_cents,
      ...outcome,
    };
    await auditedTx(
      tx,
      paymentEvent('provider:refund', `payment.refund.${state}`, payment, details),
      async (tx) => {
        await tables(tx)
          .updateTable('payment_refunds')
          .set({
            state,
            credit_transaction_id: outcome.creditId ?? null,
            decided_at: sql`now()`,
            last_error: outcome.error?.slice(0, 500) ?? null,
          })
          .where('id', '=', refund.id)
          .execute();
        if (state !== 'refunded' || !outcome.creditId) return;
        await tables(tx)
          .insertInto('payment_events')
          .values({
            payment_id: payment.id,
            kind: 'refund',
            provider_status: 'settled',
            body: {
              transactionId: outcome.creditId,
              status: 'settled',
              currency: payment.currency,
              refno: refund.refno,
              detail: { settle: { amount: refund.amount_cents } },
              refundOf: refund.refund_of,
            },
          })
          .execute();
        await recordMoneyEvent(tx, refundedEvent(payment, refund));
        if (!refund.duplicate) {
          const refundedCents = payment.refunded_cents + refund.amount_cents;
          await tables(tx)
            .updateTable('payments')
            .set({
              refunded_cents: refundedCents,
              status: refundedCents >= payment.amount_cents ? 'refunded' : payment.status,
              updated_at: sql`now()`,
            })
            .where('id', '=', payment.id)
            .execute();
        }
        await emitEvent(tx, {
          type: 'payment.refunded',
          authorityId: payment.authority_id,
          subject: `payment:${payment.id}`,
          data: {
            payment: { id: payment.id, reference: payment.reference, currency: payment.currency },
            refund: { id: refund.id, amountCents: refund.amount_cents },
          },
        });
        await tellAbout(
          tx,
          {
            id: payment.id,
            accountId: payment.account_id,
            authorityId: payment.authority_id,
            reference: payment.reference,
          },
          `refund:${refund.id}`,
        );
      },
    );
    return state;
  });
}
