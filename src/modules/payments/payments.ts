import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { appendAuditEvent } from '../../platform/audit/audit.ts';
import { type Db, escapeLike, tablesOf } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import type { MandateTheme } from '../mandates/index.ts';
import { notify } from '../notifications/index.ts';
import {
  type Datatrans,
  type ProviderTransaction,
  settledStatuses,
  unsuccessfulStatuses,
} from './datatrans.ts';
import type { PaymentStatus, PaymentsTables, SettledJob } from './tables.ts';

export type Payment = Selectable<PaymentsTables['payments']>;

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/** Statuses of a payment still waiting for its money. */
const unsettled: PaymentStatus[] = ['open', 'pending'];
export const isUnsettled = (payment: Payment) => unsettled.includes(payment.status);

export interface PaymentRequest {
  authorityId: string;
  accountId: string;
  purpose: LocalisedText;
  amountCents: number;
  currency?: string;
  /** Who asks, e.g. `case:{id}:{event}`: asking again with the same source returns the first payment. */
  source: string;
  link: string;
  /** Enqueued in the transaction that records the payment as paid. */
  onSettled?: SettledJob;
  /** The mandate theme of what it pays for: representatives with the right to pay in it may pay. */
  theme?: MandateTheme | null;
}

/** Asks the account to pay, in the caller's transaction (so a request and its fee exist together). */
export async function requestPayment(tx: Db, request: PaymentRequest): Promise<Payment> {
  if (!Number.isInteger(request.amountCents) || request.amountCents <= 0)
    throw new Error(`A payment needs a positive amount in cents, got ${request.amountCents}`);
  const created = await tables(tx)
    .insertInto('payments')
    .values({
      authority_id: request.authorityId,
      account_id: request.accountId,
      purpose: request.purpose,
      amount_cents: request.amountCents,
      currency: request.currency ?? 'CHF',
      status: 'open',
      source: request.source,
      link: request.link,
      on_settled: request.onSettled ?? null,
      provider_transaction_id: null,
      last_outcome: null,
      paid_at: null,
      theme: request.theme ?? null,
    } as never)
    .onConflict((oc) => oc.column('source').doNothing())
    .returning('id')
    .executeTakeFirst();
  // The account's people are told (content-free) that a payment awaits them.
  if (created) await tellAbout(tx, { ...request, id: created.id }, `payment:${created.id}`);
  return tables(tx)
    .selectFrom('payments')
    .selectAll()
    .where('source', '=', request.source)
    .executeTakeFirstOrThrow();
}

/** A notification that something about a payment awaits in the portal (a fee to pay, money given back). */
function tellAbout(tx: Db, payment: { id: string; accountId: string; authorityId: string }, source: string) {
  return notify(tx, {
    event: 'paymentDue',
    accountId: payment.accountId,
    authorityId: payment.authorityId,
    link: `/payments/${payment.id}`,
    source,
  });
}

export async function getPayment(db: Db, id: string): Promise<Payment | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db).selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The payments asked by one source family (e.g. every fee of one request: `case:{id}:`), oldest first. */
export async function paymentsFrom(db: Db, sourcePrefix: string): Promise<Payment[]> {
  return tables(db)
    .selectFrom('payments')
    .selectAll()
    .where('source', 'like', `${escapeLike(sourcePrefix)}%`)
    .orderBy('created_at')
    .execute();
}

/** An account's payments, the unpaid first, then the newest. */
export async function paymentsOf(db: Db, accountId: string): Promise<Payment[]> {
  return tables(db)
    .selectFrom('payments')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy(sql`status in ('paid', 'refunded')`)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

/** What an account still has to pay. */
export async function unpaidOf(db: Db, accountId: string): Promise<Payment[]> {
  return tables(db)
    .selectFrom('payments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', 'in', unsettled)
    .orderBy('created_at')
    .execute();
}

async function recordEvent(
  db: Db,
  paymentId: string,
  kind: PaymentsTables['payment_events']['kind'],
  transaction?: ProviderTransaction,
) {
  await tables(db)
    .insertInto('payment_events')
    .values({
      payment_id: paymentId,
      kind,
      provider_status: transaction?.status ?? null,
      body: transaction ?? null,
    })
    .execute();
}

/**
 * Where to send the person to pay: a new provider transaction, or the one they already opened if it
 * still waits. A payment already paid has no checkout.
 */
export async function checkout(
  db: Db,
  provider: Datatrans,
  payment: Payment,
  urls: { returnUrl: string; webhookUrl: string; language: string },
): Promise<{ paymentUrl: string } | { paid: true }> {
  if (!isUnsettled(payment)) return { paid: true };
  if (payment.provider_transaction_id) {
    const known = await provider.status(payment.provider_transaction_id);
    const after = await applyTransaction(db, payment, known, 'checked');
    if (!isUnsettled(after)) return { paid: true };
    // Datatrans lets an unpaid transaction expire after 30 minutes; a younger one is paid where it is.
    if (known.status === 'initialized' && Date.now() - payment.updated_at.getTime() < 25 * 60_000)
      return { paymentUrl: provider.paymentUrl(known.transactionId) };
  }
  const { transactionId, paymentUrl } = await provider.initiate({
    refno: payment.refno,
    amountCents: payment.amount_cents,
    currency: payment.currency,
    language: urls.language,
    returnUrl: urls.returnUrl,
    webhookUrl: urls.webhookUrl,
  });
  await db.transaction().execute(async (tx) => {
    await tables(tx)
      .updateTable('payments')
      .set({ status: 'pending', provider_transaction_id: transactionId, updated_at: sql`now()` })
      .where('id', '=', payment.id)
      .where('status', 'in', unsettled)
      .execute();
    await recordEvent(tx, payment.id, 'initiated', {
      transactionId,
      status: 'initialized',
      currency: payment.currency,
      refno: payment.refno,
    });
  });
  return { paymentUrl };
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
  if (settledStatuses.includes(transaction.status)) {
    const amount = transaction.detail?.settle?.amount ?? transaction.detail?.authorize?.amount;
    if (amount !== payment.amount_cents || transaction.currency !== payment.currency) {
      await recordEvent(db, payment.id, 'mismatch', transaction);
      return payment;
    }
    return db.transaction().execute(async (tx) => {
      await recordEvent(tx, payment.id, via, transaction);
      const paid = await tables(tx)
        .updateTable('payments')
        .set({
          status: 'paid',
          paid_at: sql`now()`,
          updated_at: sql`now()`,
          provider_transaction_id: transaction.transactionId,
        })
        .where('id', '=', payment.id)
        .where('status', 'in', unsettled)
        .returningAll()
        .executeTakeFirst();
      if (!paid) {
        // The webhook or the return came first — or the person paid a second attempt in another window,
        // or paid what was cancelled meanwhile: that money is to be refunded, so it is flagged.
        const first = (await getPayment(tx, payment.id)) ?? payment;
        if (first.status === 'cancelled' || first.provider_transaction_id !== transaction.transactionId)
          await recordEvent(tx, payment.id, 'duplicate', transaction);
        return first;
      }
      await appendAuditEvent(tx, {
        actor: `provider:${via}`,
        action: 'payment.settled',
        subjectType: 'payment',
        subjectId: payment.id,
        authorityId: payment.authority_id,
        details: {
          refno: payment.refno,
          amountCents: payment.amount_cents,
          transactionId: transaction.transactionId,
        },
      });
      if (paid.on_settled) await enqueue(tx, paid.on_settled.job, paid.on_settled.payload as never);
      return paid;
    });
  }
  await db.transaction().execute(async (tx) => {
    await recordEvent(tx, payment.id, via, transaction);
    if (unsuccessfulStatuses.includes(transaction.status))
      await tables(tx)
        .updateTable('payments')
        .set({
          status: 'open',
          last_outcome: transaction.status as 'failed' | 'canceled',
          updated_at: sql`now()`,
        })
        .where('id', '=', payment.id)
        .where('status', '=', 'pending')
        .where('provider_transaction_id', '=', transaction.transactionId)
        .execute();
  });
  return (await getPayment(db, payment.id)) ?? payment;
}

/** What it was asked for ended (a request withdrawn, closed): its unpaid fees can no longer be paid. */
export async function cancelUnpaid(tx: Db, sourcePrefix: string): Promise<void> {
  await tables(tx)
    .updateTable('payments')
    .set({ status: 'cancelled', updated_at: sql`now()` })
    .where('source', 'like', `${escapeLike(sourcePrefix)}%`)
    .where('status', 'in', unsettled)
    .execute();
}

/** The payment a provider's transaction was opened for, the latest attempt or an earlier one. */
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
export async function reconcilePending(db: Db, provider: Datatrans, now: Date): Promise<number> {
  const attempts = await tables(db)
    .selectFrom('payment_events as e')
    .innerJoin('payments as p', 'p.id', 'e.payment_id')
    .selectAll('p')
    .select(sql<string>`e.body->>'transactionId'`.as('transactionId'))
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
  for (const { transactionId, ...payment } of attempts) {
    const transaction = await provider.status(transactionId);
    // The latest attempt never paid and now expired at the provider: open again, to be paid afresh.
    const expired =
      transaction.status === 'initialized' && now.getTime() - payment.updated_at.getTime() > 35 * 60_000;
    await applyTransaction(
      db,
      payment,
      expired ? { ...transaction, status: 'canceled' } : transaction,
      'checked',
    );
  }
  return attempts.length;
}

/** A settled transaction of a payment and what is left of it to give back. */
export interface Refundable {
  transactionId: string;
  settledCents: number;
  refundedCents: number;
  /** The transaction that paid the fee, or a second attempt paid too. */
  duplicate: boolean;
}

/** What money of a payment can be given back: the transaction that paid it, and any duplicates. */
export async function refundables(db: Db, payment: Payment): Promise<Refundable[]> {
  const events = await tables(db)
    .selectFrom('payment_events')
    .select(['kind', 'body'])
    .where('payment_id', '=', payment.id)
    .where('kind', 'in', ['duplicate', 'refund'])
    .execute();
  const bodies = events.map((e) => ({
    kind: e.kind,
    body: e.body as ProviderTransaction & { refundOf?: string },
  }));
  const refunded = (transactionId: string) =>
    bodies
      .filter((e) => e.kind === 'refund' && e.body.refundOf === transactionId)
      .reduce((sum, e) => sum + (e.body.detail?.settle?.amount ?? 0), 0);
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
  const duplicates = bodies
    .filter((e) => e.kind === 'duplicate')
    .map((e) => ({
      transactionId: e.body.transactionId,
      settledCents: e.body.detail?.settle?.amount ?? payment.amount_cents,
      duplicate: true,
    }));
  return [...paid, ...duplicates].map((t) => ({ ...t, refundedCents: refunded(t.transactionId) }));
}

/**
 * Gives back money of a payment through the provider, recorded and audited. The payment row is locked
 * meanwhile, so a second click waits and then finds nothing left to give back.
 */
export async function refund(
  db: Db,
  provider: Datatrans,
  paymentId: string,
  request: { transactionId: string; amountCents: number; actor: string },
): Promise<'refunded' | 'too_much'> {
  return db.transaction().execute(async (tx) => {
    const payment = await tables(tx)
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', paymentId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const target = (await refundables(tx, payment)).find((t) => t.transactionId === request.transactionId);
    if (
      !target ||
      !Number.isInteger(request.amountCents) ||
      request.amountCents < 1 ||
      request.amountCents > target.settledCents - target.refundedCents
    )
      return 'too_much';
    const creditId = await provider.refund(target.transactionId, {
      amountCents: request.amountCents,
      currency: payment.currency,
      refno: payment.refno,
    });
    await tables(tx)
      .insertInto('payment_events')
      .values({
        payment_id: payment.id,
        kind: 'refund',
        provider_status: 'settled',
        body: {
          transactionId: creditId,
          status: 'settled',
          currency: payment.currency,
          refno: payment.refno,
          detail: { settle: { amount: request.amountCents } },
          refundOf: target.transactionId,
        },
      })
      .execute();
    if (!target.duplicate) {
      const refundedCents = payment.refunded_cents + request.amountCents;
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
    await tellAbout(
      tx,
      { id: payment.id, accountId: payment.account_id, authorityId: payment.authority_id },
      `refund:${creditId}`,
    );
    await appendAuditEvent(tx, {
      actor: request.actor,
      action: 'payment.refund',
      subjectType: 'payment',
      subjectId: payment.id,
      authorityId: payment.authority_id,
      details: { refundOf: target.transactionId, creditId, amountCents: request.amountCents },
    });
    return 'refunded';
  });
}

/** An authority's payments, newest first, optionally in one status. */
export async function paymentsOfAuthority(db: Db, authorityId: string, status?: PaymentStatus) {
  return tables(db)
    .selectFrom('payments')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('payment_events')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('payment_events.payment_id', '=', 'payments.id')
        .where('payment_events.kind', 'in', ['duplicate', 'mismatch'])
        .as('flags'),
    )
    .where('authority_id', '=', authorityId)
    .$if(status !== undefined, (q) => q.where('status', '=', status as PaymentStatus))
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();
}

/** Everything exchanged with the provider about a payment, oldest first. */
export async function paymentEvents(db: Db, paymentId: string) {
  return tables(db)
    .selectFrom('payment_events')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('id')
    .execute();
}
