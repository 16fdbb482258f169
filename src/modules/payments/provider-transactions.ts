import { sql } from 'kysely';
import { auditedTx } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { recordMoneyEvent } from './ledger.ts';
import { duplicateEvent, failedEvent, paidEvent } from './ledger-events.ts';
import {
  isUnsettled,
  locked,
  type Payment,
  paymentEvent,
  recordEvent,
  reread,
  unsettled,
} from './payments.ts';
import {
  type PaymentMethod,
  type PaymentProvider,
  type ProviderTransaction,
  settledStatuses,
  unsuccessfulStatuses,
} from './provider.ts';
import { settlePayment } from './settle.ts';
import type { PaymentsTables } from './tables.ts';

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/**
 * Where to send the person to pay: a new provider transaction, or the one they already opened if it
 * still waits. A payment already paid has no checkout.
 */
export async function checkout(
  db: Db,
  provider: PaymentProvider,
  payment: Payment,
  request: {
    returnUrl: string;
    notifyUrl: string;
    language: string;
    actor: string;
    method?: PaymentMethod;
    description?: string;
  },
): Promise<{ paymentUrl: string } | { paid: true }> {
  if (!isUnsettled(payment)) return { paid: true };
  if (payment.provider_transaction_id && (payment.provider ?? 'datatrans') === provider.kind) {
    const known = await provider.status(payment.provider_transaction_id);
    const after = await applyTransaction(db, payment, known, 'checked');
    if (!isUnsettled(after)) return { paid: true };
    // An attempt still open, for the same method, is paid where it is (until the provider expires it).
    const resume = provider.resumeUrl(known.transactionId);
    const sameMethod =
      !request.method || (await attemptMethod(db, payment, known.transactionId)) === request.method;
    if (
      resume &&
      sameMethod &&
      known.status === 'initialized' &&
      Date.now() - payment.updated_at.getTime() < provider.attemptLifetimeMs
    )
      return { paymentUrl: resume };
  }
  const { transactionId, paymentUrl } = await provider.initiate({
    refno: payment.refno,
    amountCents: payment.amount_cents,
    currency: payment.currency,
    language: request.language,
    returnUrl: request.returnUrl,
    notifyUrl: request.notifyUrl,
    method: request.method,
    description: request.description ?? payment.reference ?? payment.refno,
  });
  await db.transaction().execute(async (tx) => {
    const now = await locked(tx, payment);
    // The attempt is recorded whatever happened meanwhile, so that reconciliation asks about it too.
    await recordEvent(tx, payment.id, 'initiated', {
      transactionId,
      status: 'initialized',
      currency: payment.currency,
      refno: payment.refno,
      ...(request.method ? { method: request.method } : {}),
      provider: provider.kind,
    } as ProviderTransaction);
    if (!isUnsettled(now)) return;
    const details = { transactionId, provider: provider.kind, method: request.method ?? null };
    await auditedTx(tx, paymentEvent(request.actor, 'payment.initiated', payment, details), (tx) =>
      tables(tx)
        .updateTable('payments')
        .set({
          status: 'pending',
          provider_transaction_id: transactionId,
          provider: provider.kind,
          updated_at: sql`now()`,
        })
        .where('id', '=', payment.id)
        .execute(),
    );
  });
  return { paymentUrl };
}

/** The method the person chose for one attempt, as recorded when it was opened. */
async function attemptMethod(db: Db, payment: Payment, transactionId: string) {
  const opened = await tables(db)
    .selectFrom('payment_events')
    .select(sql<string | null>`body->>'method'`.as('method'))
    .where('payment_id', '=', payment.id)
    .where('kind', '=', 'initiated')
    .where(sql`body->>'transactionId'`, '=', transactionId)
    .executeTakeFirst();
  return opened?.method ?? undefined;
}

/**
 * Brings a payment in line with what the provider says of its transaction (from a signed webhook, or
 * asked on return and by the reconciliation job). Paid is recorded once, with the job that tells whoever
 * asked for it, in one transaction: a webhook and a return racing each other settle it once.
 */
export async function applyTransaction(
  db: Db,
  payment: Payment,
  transaction: ProviderTransaction,
  via: 'webhook' | 'checked',
): Promise<Payment> {
  if (transaction.transactionId !== payment.provider_transaction_id && transaction.refno !== payment.refno)
    throw new Error(`Transaction ${transaction.transactionId} is not payment ${payment.id}'s`);
  const actor = `provider:${via}`;
  if (settledStatuses.includes(transaction.status)) {
    const amount = transaction.detail?.settle?.amount ?? transaction.detail?.authorize?.amount;
    if (amount !== payment.amount_cents || transaction.currency !== payment.currency) {
      await recordEvent(db, payment.id, 'mismatch', transaction);
      return payment;
    }
    // The payment's row is locked before anything refers to it: an event's foreign key takes a key-share
    // lock that would deadlock against a racing webhook or return asking for the row afterwards.
    return db.transaction().execute(async (tx) => {
      const now = await locked(tx, payment);
      await recordEvent(tx, payment.id, via, transaction);
      if (!isUnsettled(now)) {
        // The webhook or the return came first — or the person paid a second attempt in another window,
        // or paid what was cancelled meanwhile: that money is to be refunded, so it is flagged.
        if (now.status === 'cancelled' || now.provider_transaction_id !== transaction.transactionId) {
          await recordEvent(tx, payment.id, 'duplicate', transaction);
          await recordMoneyEvent(tx, duplicateEvent(now, transaction));
        }
        return now;
      }
      const paid = await settlePayment(tx, now, {
        actor,
        transactionId: transaction.transactionId,
        details: { transactionId: transaction.transactionId },
      });
      await recordMoneyEvent(
        tx,
        paidEvent(paid, transaction, await attemptMethod(tx, payment, transaction.transactionId)),
      );
      return paid;
    });
  }
  await db.transaction().execute(async (tx) => {
    const now = await locked(tx, payment);
    await recordEvent(tx, payment.id, via, transaction);
    if (!unsuccessfulStatuses.includes(transaction.status)) return;
    if (now.status !== 'pending' || now.provider_transaction_id !== transaction.transactionId) return;
    const outcome = transaction.status as 'failed' | 'canceled';
    await auditedTx(
      tx,
      paymentEvent(actor, 'payment.failed', payment, { transactionId: transaction.transactionId, outcome }),
      (tx) =>
        tables(tx)
          .updateTable('payments')
          .set({ status: 'open', last_outcome: outcome, updated_at: sql`now()` })
          .where('id', '=', payment.id)
          .execute(),
    );
    await recordMoneyEvent(
      tx,
      failedEvent(now, transaction, await attemptMethod(tx, payment, transaction.transactionId)),
    );
  });
  return reread(db, payment);
}

/**
 * The payment a provider's transaction was opened for, the latest attempt or an earlier one. Tenant-free
 * on purpose: only the provider's signed webhook asks, and it knows transactions, not authorities.
 */
export async function paymentOfTransaction(db: Db, transactionId: string): Promise<Payment | undefined> {
  return tables(db)
    .selectFrom('payments')
    .selectAll('payments')
    .where((eb) =>
      eb.or([
        eb('provider_transaction_id', '=', transactionId),
        eb.exists(
          eb
            .selectFrom('payment_events')
            .select('payment_events.id')
            .whereRef('payment_events.payment_id', '=', 'payments.id')
            .where('payment_events.kind', '=', 'initiated')
            .where(sql`payment_events.body->>'transactionId'`, '=', transactionId),
        ),
      ]),
    )
    .executeTakeFirst();
}

/**
 * Payments left unconfirmed (a webhook that never came, a person who closed the window) are asked
 * about again, every attempt of them: nothing paid is ever left unrecorded.
 */
export async function reconcilePending(
  db: Db,
  providerOf: (payment: Payment, attemptProvider: string | null) => Promise<PaymentProvider | undefined>,
  now: Date,
): Promise<number> {
  const attempts = await tables(db)
    .selectFrom('payment_events as e')
    .innerJoin('payments as p', 'p.id', 'e.payment_id')
    .selectAll('p')
    .select(sql<string>`e.body->>'transactionId'`.as('transactionId'))
    .select(sql<string | null>`e.body->>'provider'`.as('attemptProvider'))
    .where('e.kind', '=', 'initiated')
    // Cancelled ones too: money paid after a cancellation must be found, to be given back.
    .where('p.status', 'in', [...unsettled, 'cancelled'])
    .where('e.at', '>', new Date(now.getTime() - 48 * 3_600_000))
    .where('p.updated_at', '<', new Date(now.getTime() - 15 * 60_000))
    // Attempts the provider has already given an outcome for are settled questions.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payment_events as f')
            .select('f.id')
            .whereRef('f.payment_id', '=', 'p.id')
            .where(sql`f.body->>'transactionId'`, '=', sql`e.body->>'transactionId'`)
            .where('f.provider_status', 'in', [...settledStatuses, ...unsuccessfulStatuses]),
        ),
      ),
    )
    .orderBy('e.at')
    .limit(500)
    .execute();
  for (const { transactionId, attemptProvider, ...payment } of attempts) {
    const provider = await providerOf(payment, attemptProvider);
    if (!provider) continue;
    const transaction = await provider.status(transactionId);
    // The latest attempt never paid and now expired at the provider: open again, to be paid afresh.
    const expired =
      transaction.status === 'initialized' &&
      now.getTime() - payment.updated_at.getTime() > provider.attemptLifetimeMs + 10 * 60_000;
    await applyTransaction(
      db,
      payment,
      expired ? { ...transaction, status: 'canceled' } : transaction,
      'checked',
    );
  }
  return attempts.length;
}
