import { type Generated, sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';

/** A payment page opened by `PaymentPage/Initialize`, until the person ends it one way or another. */
export interface SimulatedPage {
  token: string;
  customerId: string;
  terminalId: string;
  amount: { Value: string; CurrencyCode: string };
  orderId: string;
  description: string;
  methods: string[];
  returnUrl: string;
  successNotifyUrl?: string;
  failNotifyUrl?: string;
  expiresAt: string;
  /** `open` while the person has not finished; then how it ended. */
  state: 'open' | 'paid' | 'declined' | 'aborted';
  transactionId?: string;
}

/** A transaction: a payment authorised on a page, or a refund of a capture; captured, or not yet. */
export interface SimulatedTransaction {
  Id: string;
  Type: 'PAYMENT' | 'REFUND';
  Status: 'AUTHORIZED' | 'CAPTURED';
  Date: string;
  Amount: { Value: string; CurrencyCode: string };
  OrderId: string;
  CaptureId?: string;
  /** The brand the person paid with (`VISA`, `TWINT`, `POSTFINANCEPAY`). */
  brand: string;
  /** For a refund: the capture it gives back from. */
  refundOf?: string;
}

/** What the simulator answered, to answer a retry (same request id, `RetryIndicator` > 0) the same. */
export interface Answer {
  status: 200 | 400 | 401 | 402 | 403;
  body: unknown;
}

export interface SaferpaySimulatorTables {
  simulator_saferpay_pages: {
    token: string;
    customer_id: string;
    data: SimulatedPage;
    created_at: Generated<Date>;
  };
  simulator_saferpay_transactions: {
    id: string;
    customer_id: string;
    capture_id: string | null;
    data: SimulatedTransaction;
  };
  simulator_saferpay_requests: { slot: string; request: string; answer: Answer | null; at: Generated<Date> };
}

const tables = (db: Db) => tablesOf<SaferpaySimulatorTables>(db);

export async function findPage(db: Db, token: string, lock = false): Promise<SimulatedPage | undefined> {
  const row = await tables(db)
    .selectFrom('simulator_saferpay_pages')
    .select('data')
    .where('token', '=', token)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  return row?.data;
}

export async function savePage(db: Db, page: SimulatedPage): Promise<void> {
  const data = JSON.stringify(page) as never;
  await tables(db)
    .insertInto('simulator_saferpay_pages')
    .values({ token: page.token, customer_id: page.customerId, data })
    .onConflict((oc) => oc.column('token').doUpdateSet({ data }))
    .execute();
}

export async function findTransaction(
  db: Db,
  customerId: string,
  by: { id: string } | { captureId: string },
  lock = false,
): Promise<SimulatedTransaction | undefined> {
  const row = await tables(db)
    .selectFrom('simulator_saferpay_transactions')
    .select('data')
    .where('customer_id', '=', customerId)
    .$if('id' in by, (q) => q.where('id', '=', (by as { id: string }).id))
    .$if('captureId' in by, (q) => q.where('capture_id', '=', (by as { captureId: string }).captureId))
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  return row?.data;
}

export async function saveTransaction(db: Db, customerId: string, transaction: SimulatedTransaction) {
  const data = JSON.stringify(transaction) as never;
  const capture_id = transaction.CaptureId ?? null;
  await tables(db)
    .insertInto('simulator_saferpay_transactions')
    .values({ id: transaction.Id, customer_id: customerId, capture_id, data })
    .onConflict((oc) => oc.column('id').doUpdateSet({ data, capture_id }))
    .execute();
}

/** The refunds already given (or being given) from one capture. */
export async function refundsOf(
  db: Db,
  customerId: string,
  captureId: string,
): Promise<SimulatedTransaction[]> {
  const rows = await tables(db)
    .selectFrom('simulator_saferpay_transactions')
    .select('data')
    .where('customer_id', '=', customerId)
    .where(sql`data->>'refundOf'`, '=', captureId)
    .execute();
  return rows.map((row) => row.data);
}

/**
 * Runs `work` as Saferpay treats a request id: a retry (`RetryIndicator` > 0) of a request already
 * answered gets that answer again without it being done twice, and waits while the first still runs;
 * a first try (0) is done afresh.
 */
export async function once(
  db: Db,
  slot: string,
  retry: number,
  request: string,
  work: (tx: Db) => Promise<Answer>,
): Promise<Answer> {
  return db.transaction().execute(async (tx) => {
    // One request id at a time: a retry arriving while the first try runs waits for its answer.
    await sql`select pg_advisory_xact_lock(hashtext(${slot}))`.execute(tx);
    if (retry > 0) {
      const seen = await tables(tx)
        .selectFrom('simulator_saferpay_requests')
        .selectAll()
        .where('slot', '=', slot)
        .forUpdate()
        .executeTakeFirst();
      if (seen?.answer && seen.request === request) return seen.answer;
    }
    const answer = await work(tx);
    const stored = JSON.stringify(answer) as never;
    await tables(tx)
      .insertInto('simulator_saferpay_requests')
      .values({ slot, request, answer: stored })
      .onConflict((oc) => oc.column('slot').doUpdateSet({ request, answer: stored, at: new Date() }))
      .execute();
    return answer;
  });
}
