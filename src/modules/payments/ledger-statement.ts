import { sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { type Balances, balancesOf, ledgerRows, openFees } from './ledger.ts';
import { paymentSettingsOf } from './payment-settings.ts';
import type { LedgerKind, PaymentsTables } from './tables.ts';

/** One movement of the day, with what accounting software needs to book it. */
export interface StatementEvent {
  id: number;
  at: Date;
  kind: LedgerKind;
  amountCents: number;
  currency: string;
  provider: string | null;
  method: string | null;
  paymentId: string | null;
  /** The reference people quote (the request's), else the payment's refno. */
  reference: string | null;
  refno: string | null;
  purpose: LocalisedText | null;
  /** The authority's accounting code for what the fee pays (its asker's kind), else its default. */
  accountingCode: string | null;
}

export interface StatementTotal {
  provider: string | null;
  method: string | null;
  kind: LedgerKind;
  count: number;
  amountCents: number;
}

export interface OpenFee {
  paymentId: string;
  reference: string;
  purpose: LocalisedText;
  openCents: number;
  askedAt: Date;
}

/** An authority's day, in Swiss time: its movements, their totals, balances and the fees still open. */
export interface DailyStatement {
  date: string;
  from: Date;
  until: Date;
  events: StatementEvent[];
  totals: StatementTotal[];
  opening: Balances;
  closing: Balances;
  openFees: OpenFee[];
}

/** The day `date` (YYYY-MM-DD) in Swiss time, summer or winter, as [from, until). */
async function swissDay(db: Db, date: string): Promise<{ from: Date; until: Date }> {
  const { rows } = await sql<{ from: Date; until: Date }>`select
    (${date}::date)::timestamp at time zone 'Europe/Zurich' as "from",
    (${date}::date + 1)::timestamp at time zone 'Europe/Zurich' as "until"`.execute(db);
  const day = rows[0];
  if (!day) throw new Error(`No such day: ${date}`);
  return day;
}

/**
 * The daily statement of an authority, derived from its ledger (nothing of it is stored): every event
 * of the day oldest first, totals per provider, method and kind, balances at the start and end of the
 * day, and the fees still open at its end. See docs/payments-statement.md.
 */
export async function dailyStatement(db: Db, authorityId: string, date: string): Promise<DailyStatement> {
  const { from, until } = await swissDay(db, date);
  const rows = await ledgerRows(db, authorityId, from, until);
  const paymentIds = [...new Set(rows.flatMap((r) => (r.payment_id ? [r.payment_id] : [])))];
  const payments = paymentIds.length
    ? await tablesOf<PaymentsTables>(db)
        .selectFrom('payments')
        .select(['id', 'reference', 'refno', 'purpose', 'source'])
        .where('authority_id', '=', authorityId)
        .where('id', 'in', paymentIds)
        .execute()
    : [];
  const byId = new Map(payments.map((p) => [p.id, p]));
  const codes = (await paymentSettingsOf(db, authorityId))?.accountingCodes ?? {};
  const codeOf = (source: string | undefined) =>
    (source && codes[source.split(':')[0] ?? '']) ?? codes.default ?? null;
  const events = rows.map((row): StatementEvent => {
    const payment = row.payment_id ? byId.get(row.payment_id) : undefined;
    return {
      id: row.id,
      at: row.at,
      kind: row.kind,
      amountCents: row.amount_cents,
      currency: row.currency,
      provider: row.provider,
      method: row.method,
      paymentId: row.payment_id,
      reference: payment ? (payment.reference ?? payment.refno) : null,
      refno: payment?.refno ?? null,
      purpose: payment?.purpose ?? null,
      accountingCode: codeOf(payment?.source),
    };
  });
  const totals = new Map<string, StatementTotal>();
  for (const event of events) {
    const key = JSON.stringify([event.provider, event.method, event.kind]);
    const total = totals.get(key) ?? {
      provider: event.provider,
      method: event.method,
      kind: event.kind,
      count: 0,
      amountCents: 0,
    };
    total.count++;
    total.amountCents += event.amountCents;
    totals.set(key, total);
  }
  const open = await openFees(db, authorityId, until);
  return {
    date,
    from,
    until,
    events,
    totals: [...totals.values()].sort((a, b) =>
      `${a.provider ?? ''} ${a.method ?? ''} ${a.kind}`.localeCompare(
        `${b.provider ?? ''} ${b.method ?? ''} ${b.kind}`,
      ),
    ),
    opening: await balancesOf(db, authorityId, from),
    closing: await balancesOf(db, authorityId, until),
    openFees: open.map((fee) => ({
      paymentId: fee.id,
      reference: fee.reference ?? fee.refno,
      purpose: fee.purpose,
      openCents: Number(fee.open_cents),
      askedAt: fee.created_at,
    })),
  };
}

const francs = (cents: number) => (cents / 100).toFixed(2);

/** The statement as the documented JSON (`guichet-payments-statement/1`, docs/payments-statement.md). */
export function statementJson(statement: DailyStatement, authority: { id: string; slug: string }) {
  const balances = (b: Balances) => ({
    openCents: b.openCents,
    receivedCents: b.receivedCents,
    unassignedCents: b.unassignedCents,
  });
  return {
    format: 'guichet-payments-statement/1',
    authority: { id: authority.id, slug: authority.slug },
    date: statement.date,
    timeZone: 'Europe/Zurich',
    from: statement.from.toISOString(),
    until: statement.until.toISOString(),
    currency: 'CHF',
    events: statement.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      amountCents: e.amountCents,
      amount: francs(e.amountCents),
      currency: e.currency,
      provider: e.provider,
      method: e.method,
      paymentId: e.paymentId,
      reference: e.reference,
      refno: e.refno,
      accountingCode: e.accountingCode,
    })),
    totals: statement.totals.map((t) => ({ ...t, amount: francs(t.amountCents) })),
    balances: { opening: balances(statement.opening), closing: balances(statement.closing) },
    openFees: statement.openFees.map((f) => ({
      paymentId: f.paymentId,
      reference: f.reference,
      openCents: f.openCents,
      open: francs(f.openCents),
      askedAt: f.askedAt.toISOString(),
    })),
  };
}
