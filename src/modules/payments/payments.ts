import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { type AuditEvent, auditedTx } from '../../platform/audit/audit.ts';
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
  const asked = () =>
    tables(tx).selectFrom('payments').selectAll().where('source', '=', request.source).executeTakeFirst();
  const known = await asked();
  if (known) return known;
  const created = await auditedTx(
    tx,
    (payment: Payment | undefined) =>
      paymentEvent('system', 'payment.requested', payment ?? { id: '', authority_id: request.authorityId }, {
        source: request.source,
        amountCents: request.amountCents,
      }),
    (tx) =>
      tables(tx)
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
        .returningAll()
        .executeTakeFirst(),
  );
  if (!created) throw new Error(`Payment ${request.source} was not recorded`);
  // The account's people are told (content-free) that a payment awaits them.
  await tellAbout(
    tx,
    { id: created.id, accountId: request.accountId, authorityId: request.authorityId },
    `payment:${created.id}`,
  );
  return created;
}

/** The audit event of a change to a payment. */
export function paymentEvent(
  actor: string,
  action: string,
  payment: { id: string; authority_id: string },
  details: Record<string, unknown>,
): AuditEvent {
  return {
    actor,
    action,
    subjectType: 'payment',
    subjectId: payment.id,
    authorityId: payment.authority_id,
    details,
  };
}

/** A notification that something about a payment awaits in the portal (a fee to pay, money given back). */
export function tellAbout(
  tx: Db,
  payment: { id: string; accountId: string; authorityId: string },
  source: string,
) {
  return notify(tx, {
    event: 'paymentDue',
    accountId: payment.accountId,
    authorityId: payment.authorityId,
    link: `/payments/${payment.id}`,
    source,
  });
}

/** One of an account's payments (as its people see it); another account's is absent. */
export async function getPaymentOfAccount(
  db: Db,
  accountId: string,
  id: string,
): Promise<Payment | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db)
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** One of the payments an authority received (as its staff see it); another authority's is absent. */
export async function getPaymentOfAuthority(
  db: Db,
  authorityId: string,
  id: string,
): Promise<Payment | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db)
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', id)
    .where('authority_id', '=', authorityId)
    .executeTakeFirst();
}

/** The payment as it is now (after a change to it), within its own authority. */
const reread = async (db: Db, payment: Payment) =>
  (await getPaymentOfAuthority(db, payment.authority_id, payment.id)) ?? payment;

/**
 * The payments an authority asked from one source family (e.g. every fee of one request: `case:{id}:`),
 * oldest first.
 */
export async function paymentsFrom(db: Db, authorityId: string, sourcePrefix: string): Promise<Payment[]> {
  return tables(db)
    .selectFrom('payments')
    .selectAll()
    .where('authority_id', '=', authorityId)
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

/** The payment's row, locked until the end of the transaction: changes to one payment queue. */
export const locked = (tx: Db, payment: Pick<Payment, 'id'>) =>
  tables(tx)
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', payment.id)
    .forUpdate()
    .executeTakeFirstOrThrow();

/**
 * Where to send the person to pay: a new provider transaction, or the one they already opened if it
 * still waits. A payment already paid has no checkout.
 */
export async function checkout(
  db: Db,
  provider: Datatrans,
  payment: Payment,
  request: { returnUrl: string; webhookUrl: string; language: string; actor: string },
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
    language: request.language,
    returnUrl: request.returnUrl,
    webhookUrl: request.webhookUrl,
  });
  await db.transaction().execute(async (tx) => {
    // The attempt is recorded whatever happened meanwhile, so that reconciliation asks about it too.
    await recordEvent(tx, payment.id, 'initiated', {
      transactionId,
      status: 'initialized',
      currency: payment.currency,
      refno: payment.refno,
    });
    if (!isUnsettled(await locked(tx, payment))) return;
    await auditedTx(tx, paymentEvent(request.actor, 'payment.initiated', payment, { transactionId }), (tx) =>
      tables(tx)
        .updateTable('payments')
        .set({ status: 'pending', provider_transaction_id: transactionId, updated_at: sql`now()` })
        .where('id', '=', payment.id)
        .execute(),
    );
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
  const actor = `provider:${via}`;
  if (settledStatuses.includes(transaction.status)) {
    const amount = transaction.detail?.settle?.amount ?? transaction.detail?.authorize?.amount;
    if (amount !== payment.amount_cents || transaction.currency !== payment.currency) {
      await recordEvent(db, payment.id, 'mismatch', transaction);
      return payment;
    }
    return db.transaction().execute(async (tx) => {
      await recordEvent(tx, payment.id, via, transaction);
      const now = await locked(tx, payment);
      if (!isUnsettled(now)) {
        // The webhook or the return came first — or the person paid a second attempt in another window,
        // or paid what was cancelled meanwhile: that money is to be refunded, so it is flagged.
        if (now.status === 'cancelled' || now.provider_transaction_id !== transaction.transactionId)
          await recordEvent(tx, payment.id, 'duplicate', transaction);
        return now;
      }
      const details = {
        refno: payment.refno,
        amountCents: payment.amount_cents,
        transactionId: transaction.transactionId,
      };
      return auditedTx(tx, paymentEvent(actor, 'payment.settled', payment, details), async (tx) => {
        const paid = await tables(tx)
          .updateTable('payments')
          .set({
            status: 'paid',
            paid_at: sql`now()`,
            updated_at: sql`now()`,
            provider_transaction_id: transaction.transactionId,
          })
          .where('id', '=', payment.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (paid.on_settled) await enqueue(tx, paid.on_settled.job, paid.on_settled.payload as never);
        return paid;
      });
    });
  }
  await db.transaction().execute(async (tx) => {
    await recordEvent(tx, payment.id, via, transaction);
    if (!unsuccessfulStatuses.includes(transaction.status)) return;
    const now = await locked(tx, payment);
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
  });
  return reread(db, payment);
}

/** What it was asked for ended (a request withdrawn, closed): its unpaid fees can no longer be paid. */
export async function cancelUnpaid(tx: Db, sourcePrefix: string): Promise<void> {
  const open = await tables(tx)
    .selectFrom('payments')
    .selectAll()
    .where('source', 'like', `${escapeLike(sourcePrefix)}%`)
    .where('status', 'in', unsettled)
    .forUpdate()
    .execute();
  for (const payment of open)
    await auditedTx(
      tx,
      paymentEvent('system', 'payment.cancelled', payment, { source: payment.source }),
      (tx) =>
        tables(tx)
          .updateTable('payments')
          .set({ status: 'cancelled', updated_at: sql`now()` })
          .where('id', '=', payment.id)
          .execute(),
    );
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

/** An authority's payments, newest first, optionally in one status. */
export async function paymentsOfAuthority(db: Db, authorityId: string, status?: PaymentStatus) {
  return (
    tables(db)
      .selectFrom('payments')
      .selectAll()
      // To check: money taken twice or for another amount, and refunds the provider never answered.
      .select(
        sql<string>`(select count(*) from payment_events e
          where e.payment_id = payments.id and e.kind in ('duplicate', 'mismatch'))
        + (select count(*) from payment_refunds r where r.payment_id = payments.id and r.state = 'unknown')`.as(
          'flags',
        ),
      )
      .where('authority_id', '=', authorityId)
      .$if(status !== undefined, (q) => q.where('status', '=', status as PaymentStatus))
      .orderBy('created_at', 'desc')
      .limit(1000)
      .execute()
  );
}

/** Everything exchanged with the provider about one of an authority's payments, oldest first. */
export async function paymentEvents(db: Db, authorityId: string, paymentId: string) {
  return tables(db)
    .selectFrom('payment_events as e')
    .innerJoin('payments as p', 'p.id', 'e.payment_id')
    .selectAll('e')
    .where('e.payment_id', '=', paymentId)
    .where('p.authority_id', '=', authorityId)
    .orderBy('e.id')
    .execute();
}
