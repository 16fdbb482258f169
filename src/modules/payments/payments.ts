import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { type AuditEvent, auditedTx } from '../../platform/audit/audit.ts';
import { type Db, escapeLike, tablesOf } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import type { MandateTheme } from '../mandates/index.ts';
import { notify } from '../notifications/index.ts';
import { recordMoneyEvent } from './ledger.ts';
import { askedEvent, cancelledEvent } from './ledger-events.ts';
import type { ProviderTransaction } from './provider.ts';
import type { PaymentStatus, PaymentsTables, SettledJob } from './tables.ts';

export type Payment = Selectable<PaymentsTables['payments']>;

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/** Statuses of a payment still waiting for its money. */
export const unsettled: PaymentStatus[] = ['open', 'pending'];
export const isUnsettled = (payment: Payment) => unsettled.includes(payment.status);

/** The reference shown to people: what the payment is for, else the provider's refno. */
export const shownReference = (payment: Pick<Payment, 'reference' | 'refno'>) =>
  payment.reference ?? payment.refno;

export interface PaymentRequest {
  authorityId: string;
  accountId: string;
  purpose: LocalisedText;
  /** The reference people know what it pays for by (a request's), shown instead of the provider's refno. */
  reference?: string;
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

/**
 * Asks the account to pay, in the caller's transaction (so a request and its fee exist together).
 * Asking again with the same source returns the first payment; two callers racing with one source
 * cannot both record it (the second fails on the unique source and its transaction rolls back).
 */
export async function requestPayment(tx: Db, request: PaymentRequest): Promise<Payment> {
  if (!Number.isInteger(request.amountCents) || request.amountCents <= 0)
    throw new Error(`A payment needs a positive amount in cents, got ${request.amountCents}`);
  const known = await tables(tx)
    .selectFrom('payments')
    .selectAll()
    .where('source', '=', request.source)
    .executeTakeFirst();
  if (known) return known;
  const details = { source: request.source, amountCents: request.amountCents };
  const created = await auditedTx(
    tx,
    (payment: Payment) => paymentEvent('system', 'payment.requested', payment, details),
    (tx) =>
      tables(tx)
        .insertInto('payments')
        .values({
          authority_id: request.authorityId,
          account_id: request.accountId,
          purpose: request.purpose,
          reference: request.reference ?? null,
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
        .executeTakeFirstOrThrow(),
  );
  await recordMoneyEvent(tx, askedEvent(created));
  // The account's people are told (content-free) that a payment awaits them.
  await tellAbout(
    tx,
    {
      id: created.id,
      accountId: request.accountId,
      authorityId: request.authorityId,
      reference: created.reference,
    },
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
  payment: { id: string; accountId: string; authorityId: string; reference: string | null },
  source: string,
) {
  return notify(tx, {
    event: 'paymentDue',
    accountId: payment.accountId,
    authorityId: payment.authorityId,
    link: `/payments/${payment.id}`,
    reference: payment.reference,
    source,
  });
}

/** One payment, within its tenant: another account's or authority's is absent. */
async function paymentWithin(
  db: Db,
  tenant: 'account_id' | 'authority_id',
  tenantId: string,
  id: string,
): Promise<Payment | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db)
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', id)
    .where(tenant, '=', tenantId)
    .executeTakeFirst();
}

/** One of an account's payments (as its people see it); another account's is absent. */
export const getPaymentOfAccount = (db: Db, accountId: string, id: string) =>
  paymentWithin(db, 'account_id', accountId, id);

/** One of the payments an authority received (as its staff see it); another authority's is absent. */
export const getPaymentOfAuthority = (db: Db, authorityId: string, id: string) =>
  paymentWithin(db, 'authority_id', authorityId, id);

/** The payment as it is now (after a change to it), within its own authority. */
export const reread = async (db: Db, payment: Payment) =>
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

/** How many of an account's fees from one source family (e.g. one request's: `case:{id}:`) wait to be paid. */
export async function unsettledFrom(db: Db, accountId: string, sourcePrefix: string): Promise<number> {
  const { n } = await tables(db)
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('source', 'like', `${escapeLike(sourcePrefix)}%`)
    .where('status', 'in', unsettled)
    .executeTakeFirstOrThrow();
  return Number(n);
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

export async function recordEvent(
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
  for (const payment of open) await recordMoneyEvent(tx, cancelledEvent(payment));
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
