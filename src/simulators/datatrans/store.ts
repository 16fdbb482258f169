import type { Generated } from 'kysely';
import type { ProviderTransaction } from '../../modules/payments/index.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';

export interface SimulatedTransaction extends ProviderTransaction {
  merchantId: string;
  type: 'payment' | 'credit';
  amount: number;
  redirect: { successUrl: string; cancelUrl: string; errorUrl: string };
  webhookUrl: string | undefined;
  history: { action: string; amount: number; success: boolean; date: string }[];
  /** The methods the merchant asked the page to offer (none: all of them). */
  paymentMethods?: string[];
  /** The method it was paid with. */
  paymentMethod?: string;
}

/** What the simulated provider answers to an API call. */
export interface Answer {
  status: 200 | 400 | 404;
  body: unknown;
}

/**
 * The simulator keeps its transactions in the database, so that every instance of a scaled-out demo
 * (and a restarted one) knows the transactions another opened, as the real provider does.
 */
export interface SimulatorTables {
  simulator_datatrans_transactions: {
    transaction_id: string;
    data: SimulatedTransaction;
    created_at: Generated<Date>;
  };
  /** What a POST with an `Idempotency-Key` answered, by merchant and key. */
  simulator_datatrans_answers: { slot: string; request: string; answer: Answer | null; at: Generated<Date> };
}

/** How long Datatrans remembers an idempotency key (its API documentation: 60 minutes). */
const idempotencyMs = 60 * 60_000;

const tables = (db: Db) => tablesOf<SimulatorTables>(db);

export async function findTransaction(
  db: Db,
  transactionId: string,
  lock = false,
): Promise<SimulatedTransaction | undefined> {
  const row = await tables(db)
    .selectFrom('simulator_datatrans_transactions')
    .select('data')
    .where('transaction_id', '=', transactionId)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  return row?.data;
}

export async function saveTransaction(db: Db, transaction: SimulatedTransaction): Promise<void> {
  await tables(db)
    .insertInto('simulator_datatrans_transactions')
    .values({ transaction_id: transaction.transactionId, data: JSON.stringify(transaction) as never })
    .onConflict((oc) =>
      oc.column('transaction_id').doUpdateSet({ data: JSON.stringify(transaction) as never }),
    )
    .execute();
}

/**
 * Runs `work` once per key, as Datatrans does: the same key and request within the hour answer the
 * first answer again without doing it twice (a second call while the first runs waits for it), the same
 * key with another request is refused (422). Without a key, `work` simply runs.
 */
export async function idempotent(
  db: Db,
  slot: string | undefined,
  request: string,
  work: (tx: Db) => Promise<Answer>,
): Promise<Answer | { status: 409 | 422; body: unknown }> {
  if (!slot) return db.transaction().execute(work);
  return db.transaction().execute(async (tx) => {
    await tables(tx)
      .deleteFrom('simulator_datatrans_answers')
      .where('slot', '=', slot)
      .where('at', '<', new Date(Date.now() - idempotencyMs))
      .execute();
    const claimed = await tables(tx)
      .insertInto('simulator_datatrans_answers')
      .values({ slot, request, answer: null })
      .onConflict((oc) => oc.column('slot').doNothing())
      .returning('slot')
      .executeTakeFirst();
    if (!claimed) {
      const seen = await tables(tx)
        .selectFrom('simulator_datatrans_answers')
        .selectAll()
        .where('slot', '=', slot)
        .executeTakeFirstOrThrow();
      if (seen.request !== request)
        return { status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } };
      return seen.answer ?? { status: 409, body: { error: { code: 'REQUEST_IN_PROGRESS' } } };
    }
    const answer = await work(tx);
    await tables(tx)
      .updateTable('simulator_datatrans_answers')
      .set({ answer: JSON.stringify(answer) as never })
      .where('slot', '=', slot)
      .execute();
    return answer;
  });
}
