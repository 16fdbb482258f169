import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { LedgerKind, PaymentsTables } from './tables.ts';

export type LedgerRow = Selectable<PaymentsTables['payment_ledger']>;

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/** One money event of an authority, as the code that makes it happen knows it. */
export interface MoneyEvent {
  kind: LedgerKind;
  authorityId: string;
  /** The fee it concerns; none: money the bank credited that no fee claims (yet). */
  paymentId: string | null;
  amountCents: number;
  currency: string;
  /** Who moved the money: `datatrans`, `saferpay`, `bank`; none for events that move none. */
  provider?: string | null;
  /** How: `card`, `twint`, `qr-bill`, … as the provider reports it. */
  method?: string | null;
  /**
   * What makes the event itself, e.g. `paid:{paymentId}` or `refunded:{refundId}`: a retried or
   * racing caller records it once.
   */
  eventKey: string;
  details?: Record<string, unknown>;
}

/**
 * Appends a money event to its authority's ledger, in the caller's transaction (so the event and the
 * change it records commit together). Recording the same `eventKey` again does nothing. The ledger is
 * append-only: a trigger refuses UPDATE and DELETE; a mistake is put right by another event.
 */
export async function recordMoneyEvent(tx: Db, event: MoneyEvent): Promise<void> {
  if (!Number.isInteger(event.amountCents) || event.amountCents < 0)
    throw new Error(`A ledger amount is a whole number of cents, got ${event.amountCents}`);
  await tables(tx)
    .insertInto('payment_ledger')
    .values({
      authority_id: event.authorityId,
      payment_id: event.paymentId,
      kind: event.kind,
      amount_cents: event.amountCents,
      currency: event.currency,
      provider: event.provider ?? null,
      method: event.method ?? null,
      event_key: event.eventKey,
      details: JSON.stringify(event.details ?? {}),
    })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .execute();
}

/**
 * An authority's balances, summed from its ledger (never stored): `open` what its fees still claim,
 * `received` the money it holds from them, `unassigned` bank credits no fee took (excess, unmatched)
 * and not yet written off. See docs/payments-statement.md for each kind's effect.
 */
export interface Balances {
  openCents: number;
  receivedCents: number;
  unassignedCents: number;
}

/** The open effect of ledger rows (`l.` when joined): what the fees claim, less what settled them. */
const openEffect = (l = '') => sql<number>`coalesce(sum(case
  when ${sql.raw(l)}payment_id is null then 0
  when ${sql.raw(l)}kind = 'asked' then ${sql.raw(l)}amount_cents
  when ${sql.raw(l)}kind in ('paid', 'transferred', 'written_off', 'cancelled') then -${sql.raw(l)}amount_cents
  else 0 end), 0)::bigint`;
const receivedEffect = sql<number>`coalesce(sum(case
  when kind in ('paid', 'transferred') then amount_cents
  when kind = 'refunded' then -amount_cents
  else 0 end), 0)::bigint`;
const unassignedEffect = sql<number>`coalesce(sum(case
  when payment_id is not null then 0
  when kind = 'transferred' then amount_cents
  when kind = 'written_off' then -amount_cents
  else 0 end), 0)::bigint`;

/** An authority's balances after every event up to `until` (excluded), or all of them. */
export async function balancesOf(db: Db, authorityId: string, until?: Date): Promise<Balances> {
  const row = await tables(db)
    .selectFrom('payment_ledger')
    .select([openEffect().as('open'), receivedEffect.as('received'), unassignedEffect.as('unassigned')])
    .where('authority_id', '=', authorityId)
    .$if(until !== undefined, (q) => q.where('at', '<', until as Date))
    .executeTakeFirstOrThrow();
  return {
    openCents: Number(row.open),
    receivedCents: Number(row.received),
    unassignedCents: Number(row.unassigned),
  };
}

/** What one fee still claims, from the ledger: negative when more came in than it asked. */
export async function openOfPayment(db: Db, authorityId: string, paymentId: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('payment_ledger')
    .select(openEffect().as('open'))
    .where('authority_id', '=', authorityId)
    .where('payment_id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return Number(row.open);
}

/** An authority's ledger rows in a period [from, until), oldest first. */
export async function ledgerRows(db: Db, authorityId: string, from: Date, until: Date): Promise<LedgerRow[]> {
  return tables(db)
    .selectFrom('payment_ledger')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('at', '>=', from)
    .where('at', '<', until)
    .orderBy('id')
    .execute();
}

/** The fees of an authority that still claim money at `until`, per the ledger, oldest first. */
export async function openFees(db: Db, authorityId: string, until: Date) {
  return tables(db)
    .selectFrom('payment_ledger as l')
    .innerJoin('payments as p', 'p.id', 'l.payment_id')
    .select([
      'p.id',
      'p.refno',
      'p.reference',
      'p.purpose',
      'p.currency',
      'p.created_at',
      openEffect('l.').as('open_cents'),
    ])
    .where('l.authority_id', '=', authorityId)
    .where('l.at', '<', until)
    .groupBy(['p.id', 'p.refno', 'p.reference', 'p.purpose', 'p.currency', 'p.created_at'])
    .having(openEffect('l.'), '>', 0)
    .orderBy('p.created_at')
    .limit(5000)
    .execute();
}
