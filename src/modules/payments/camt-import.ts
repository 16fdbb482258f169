import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { audited, auditedTx } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { type BankCredit, parseCamt054 } from './camt.ts';
import { openOfPayment, recordMoneyEvent } from './ledger.ts';
import { isUnsettled, locked, paymentEvent } from './payments.ts';
import { settlePayment } from './settle.ts';
import type { PaymentsTables } from './tables.ts';

export type BankCreditRow = Selectable<PaymentsTables['payment_bank_credits']>;
type Outcome = BankCreditRow['outcome'];

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

const creditsPerTransaction = 200;

export interface ImportSummary {
  messageId: string;
  /** Credits seen for the first time. */
  credits: number;
  /** Credits imported before (the same file again, or an overlapping one): nothing done. */
  known: number;
  /** Debits, pending entries and reversals, left aside. */
  skipped: number;
  outcomes: Record<Outcome, number>;
}

/** The authority whose settings name this account (its IBAN or QR-IBAN). */
async function authorityOfAccount(db: Db, account: string): Promise<string | undefined> {
  const row = await tables(db)
    .selectFrom('payment_settings')
    .select('authority_id')
    .where((eb) =>
      eb.or([
        eb(sql`replace(upper(creditor->>'qrIban'), ' ', '')`, '=', account),
        eb(sql`replace(upper(creditor->>'iban'), ' ', '')`, '=', account),
      ]),
    )
    .executeTakeFirst();
  return row?.authority_id;
}

/**
 * Imports a camt.054 notification: each booked credit is recorded once (by its bank entry and account)
 * and, when its reference is a QR-bill's, applied to that fee — settling it through the one settle
 * function when it covers what is left, exactly once whatever the order of files or repetitions (the
 * fee's row is locked, and what is left is summed from the ledger). A file that cannot be read is
 * refused before anything is written. `authorityId`: only that authority's fees are matched (the back
 * office, the API); none: each credit goes to the authority of its reference, or of its account.
 */
export async function importCamt(
  db: Db,
  xml: string,
  request: { authorityId?: string; actor: string },
): Promise<ImportSummary> {
  const { messageId, credits, skipped } = await parseCamt054(xml);
  const summary: ImportSummary = {
    messageId,
    credits: 0,
    known: 0,
    skipped,
    outcomes: { settled: 0, partial: 0, excess: 0, unmatched: 0 },
  };
  const accounts = new Map<string, string | undefined>();
  for (const credit of credits)
    if (!request.authorityId && !accounts.has(credit.creditorAccount))
      accounts.set(credit.creditorAccount, await authorityOfAccount(db, credit.creditorAccount));
  // A transaction per batch of credits, not per credit: a bank day is thousands of them and each commit
  // waits for the disk. Within a batch, fees are locked in reference order, so two imports of
  // overlapping files queue on the same fee rather than each holding one the other wants.
  for (let start = 0; start < credits.length; start += creditsPerTransaction) {
    const batch = credits
      .slice(start, start + creditsPerTransaction)
      .sort((a, b) => (a.reference ?? '').localeCompare(b.reference ?? ''));
    const outcomes = await db.transaction().execute(async (tx) => {
      const done: (Outcome | 'known')[] = [];
      for (const credit of batch)
        done.push(
          await applyCredit(
            tx,
            credit,
            request.authorityId ?? accounts.get(credit.creditorAccount),
            request.actor,
          ),
        );
      return done;
    });
    for (const outcome of outcomes) {
      if (outcome === 'known') summary.known++;
      else {
        summary.credits++;
        summary.outcomes[outcome]++;
      }
    }
  }
  await audited(
    db,
    {
      actor: request.actor,
      action: 'payment.camt.imported',
      subjectType: 'bank-notification',
      subjectId: messageId,
      ...(request.authorityId && { authorityId: request.authorityId }),
      details: { ...summary },
    },
    async () => undefined,
  );
  return summary;
}

async function applyCredit(
  tx: Db,
  credit: BankCredit,
  accountAuthority: string | undefined,
  actor: string,
): Promise<Outcome | 'known'> {
  const slip = credit.reference
    ? await tables(tx)
        .selectFrom('payment_bank_slips')
        .selectAll()
        .where('reference', '=', credit.reference)
        .$if(accountAuthority !== undefined, (q) => q.where('authority_id', '=', accountAuthority as string))
        .executeTakeFirst()
    : undefined;
  // Locked first: a second import of the same credit waits here, then finds it recorded.
  const payment = slip && credit.currency === 'CHF' ? await locked(tx, { id: slip.payment_id }) : undefined;
  const known = await tables(tx)
    .selectFrom('payment_bank_credits')
    .select('id')
    .where('creditor_account', '=', credit.creditorAccount)
    .where('entry_key', '=', credit.entryKey)
    .executeTakeFirst();
  if (known) return 'known';
  const due =
    payment && isUnsettled(payment)
      ? Math.max(0, await openOfPayment(tx, payment.authority_id, payment.id))
      : 0;
  const applied = Math.min(credit.amountCents, due);
  const outcome: Outcome = !payment
    ? 'unmatched'
    : applied < due
      ? 'partial'
      : credit.amountCents > applied
        ? 'excess'
        : 'settled';
  const authorityId = payment?.authority_id ?? accountAuthority ?? null;
  const row = await tables(tx)
    .insertInto('payment_bank_credits')
    .values({
      authority_id: authorityId,
      creditor_account: credit.creditorAccount,
      entry_key: credit.entryKey,
      message_id: credit.messageId,
      booking_date: credit.bookingDate,
      value_date: credit.valueDate,
      amount_cents: credit.amountCents,
      currency: credit.currency,
      debtor_name: credit.debtorName?.slice(0, 140) ?? null,
      debtor_account: credit.debtorAccount,
      reference: credit.reference,
      reference_type: credit.referenceType,
      remittance: credit.remittance?.slice(0, 500) ?? null,
      payment_id: payment?.id ?? null,
      outcome,
      applied_cents: applied,
      resolution: null,
      resolved_by: null,
      resolved_at: null,
    })
    .onConflict((oc) => oc.columns(['creditor_account', 'entry_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return 'known';
  if (authorityId) {
    const transferred = {
      kind: 'transferred' as const,
      authorityId,
      currency: credit.currency,
      provider: 'bank',
    };
    const details = {
      entryKey: credit.entryKey,
      reference: credit.reference,
      bookingDate: credit.bookingDate,
    };
    if (payment && applied > 0)
      await recordMoneyEvent(tx, {
        ...transferred,
        paymentId: payment.id,
        amountCents: applied,
        method: 'qr-bill',
        eventKey: `transferred:${row.id}`,
        details,
      });
    if (credit.amountCents > applied)
      await recordMoneyEvent(tx, {
        ...transferred,
        paymentId: null,
        amountCents: credit.amountCents - applied,
        method: slip ? 'qr-bill' : 'bank-transfer',
        eventKey: `transferred:${row.id}:unassigned`,
        details: { ...details, paymentId: payment?.id ?? null },
      });
  }
  if (payment && applied > 0 && applied === due)
    await settlePayment(tx, payment, {
      actor,
      details: {
        bankEntry: credit.entryKey,
        reference: credit.reference,
        creditorAccount: credit.creditorAccount,
      },
    });
  return outcome;
}

/**
 * The credits staff must look at: partial payments of a fee still open, excess and unmatched money
 * not yet resolved; newest first.
 */
export async function creditsToCheck(db: Db, authorityId: string): Promise<BankCreditRow[]> {
  return tables(db)
    .selectFrom('payment_bank_credits as c')
    .leftJoin('payments as p', 'p.id', 'c.payment_id')
    .selectAll('c')
    .where('c.authority_id', '=', authorityId)
    .where('c.resolution', 'is', null)
    .where((eb) =>
      eb.or([
        eb('c.outcome', 'in', ['excess', 'unmatched']),
        eb.and([eb('c.outcome', '=', 'partial'), eb('p.status', 'in', ['open', 'pending'])]),
      ]),
    )
    .orderBy('c.imported_at', 'desc')
    .limit(500)
    .execute();
}

/** The latest credits imported for an authority, newest first. */
export async function recentCredits(db: Db, authorityId: string, limit = 50): Promise<BankCreditRow[]> {
  return tables(db)
    .selectFrom('payment_bank_credits')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .orderBy('imported_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Staff close a credit to check, audited: `settled` accepts a partial payment (the fee is settled, what
 * it lacked is written off); `written_off` takes excess or unmatched money out of what is unassigned
 * (sent back, or kept, outside Guichet). Anything else, or a credit already resolved, is refused.
 */
export async function resolveBankCredit(
  db: Db,
  authorityId: string,
  creditId: string,
  request: { resolution: 'settled' | 'written_off'; actor: string },
): Promise<'resolved' | 'refused'> {
  if (!/^[0-9a-f-]{36}$/.test(creditId)) return 'refused';
  return db.transaction().execute(async (tx) => {
    const credit = await tables(tx)
      .selectFrom('payment_bank_credits')
      .selectAll()
      .where('id', '=', creditId)
      .where('authority_id', '=', authorityId)
      .forUpdate()
      .executeTakeFirst();
    if (!credit || credit.resolution) return 'refused';
    const payment = credit.payment_id ? await locked(tx, { id: credit.payment_id }) : undefined;
    const partial = credit.outcome === 'partial' && payment && isUnsettled(payment);
    if (
      request.resolution === 'settled'
        ? !partial
        : credit.outcome === 'partial' || credit.outcome === 'settled'
    )
      return 'refused';
    const subject = payment ?? { id: credit.id, authority_id: authorityId };
    const event = paymentEvent(request.actor, `payment.bankCredit.${request.resolution}`, subject, {
      creditId: credit.id,
      entryKey: credit.entry_key,
      amountCents: credit.amount_cents,
    });
    await auditedTx(tx, { ...event, subjectType: payment ? 'payment' : 'bank-credit' }, async (tx) => {
      const base = { authorityId, currency: credit.currency, eventKey: `written_off:${credit.id}` };
      if (request.resolution === 'settled' && payment) {
        const shortfall = Math.max(0, await openOfPayment(tx, authorityId, payment.id));
        if (shortfall > 0)
          await recordMoneyEvent(tx, {
            ...base,
            kind: 'written_off',
            paymentId: payment.id,
            amountCents: shortfall,
          });
        await settlePayment(tx, payment, {
          actor: request.actor,
          details: { bankCredit: credit.id, accepted: 'partial' },
        });
      } else {
        await recordMoneyEvent(tx, {
          ...base,
          kind: 'written_off',
          paymentId: null,
          amountCents: credit.amount_cents - credit.applied_cents,
        });
      }
      await tables(tx)
        .updateTable('payment_bank_credits')
        .set({ resolution: request.resolution, resolved_by: request.actor, resolved_at: sql`now()` })
        .where('id', '=', credit.id)
        .execute();
    });
    return 'resolved';
  });
}
