import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { signature } from '../../src/modules/payments/index.ts';
import { enqueue } from '../../src/platform/jobs/enqueue.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createCitizen } from '../support/factories.ts';
import { saveFeeOnArrival } from '../support/fee-workflow.ts';
import { createRequestForm, openRequest } from '../support/requests.ts';
import { type GuichetProcess, spawnGuichet } from '../support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { writeFigures } from './figures.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const running: GuichetProcess[] = [];
let database: TestDatabase | undefined;
const signKey = 'ab'.repeat(32);

/** The transactions Datatrans holds, all paid and settled: what its status API answers. */
const settled = new Map<string, { refno: string; amount: number }>();
let statusAsked = 0;
const transaction = (id: string) => {
  const known = settled.get(id);
  const date = new Date().toISOString();
  return (
    known && {
      transactionId: id,
      type: 'payment',
      status: 'settled',
      currency: 'CHF',
      refno: known.refno,
      paymentMethod: 'VIS',
      detail: { authorize: { amount: known.amount }, settle: { amount: known.amount } },
      history: [{ action: 'settle', amount: known.amount, success: true, date }],
    }
  );
};
// Datatrans' status API (`GET /v1/transactions/{id}`), which the reconciliation job asks.
const datatrans = http.createServer((request, response) => {
  const found = transaction(/^\/v1\/transactions\/([^/?]+)$/.exec(request.url ?? '')?.[1] ?? '');
  statusAsked++;
  response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify(found ?? { error: { code: 'TRANSACTION_NOT_FOUND' } }));
});

/** The webhook as Datatrans posts it: the transaction, signed with the merchant's key at sending time. */
async function notify(url: string, transactionId: string): Promise<number | 'cut'> {
  const body = JSON.stringify(transaction(transactionId));
  const t = String(Date.now());
  try {
    const response = await fetch(`${url}/payments/webhooks/datatrans`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'Datatrans-Signature': `t=${t},s0=${signature(signKey, t, body)}`,
      },
      body,
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 'cut';
  }
}

afterAll(async () => {
  for (const instance of running) if (instance.child.exitCode === null) await instance.stop();
  datatrans.close();
  await database?.drop();
});

describe('killed with -9 while payment notifications arrive', { timeout: 240_000 }, () => {
  it('the server process: after a restart every fee the provider settled is paid once, and each request moved on once', async () => {
    await new Promise<void>((resolve) => datatrans.listen(0, '127.0.0.1', resolve));
    database = await createTestDatabase();
    const { db } = database;
    await seedDemo(db);
    const provider = `http://127.0.0.1:${(datatrans.address() as AddressInfo).port}`;
    const env = {
      DATABASE_URL: database.url,
      GUICHET_WORKER_CONCURRENCY: '4',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 6).toString('base64')}`,
      DATATRANS_MERCHANT_ID: '1100000001',
      DATATRANS_PASSWORD: 'crash-test',
      DATATRANS_SIGN_KEY: signKey,
      DATATRANS_API_URL: provider,
      DATATRANS_PAY_URL: provider,
    };
    // Requests that wait for their fee, and move on to "submitted" once it is paid.
    const authority = (await getAuthorityBySlug(db, 'sierre'))?.id ?? '';
    const form = await createRequestForm(db, authority, 'Attestation');
    await saveFeeOnArrival(db, form.id, { amountCents: 2000, purpose: 'Émolument', paidTo: 'submitted' });
    const count = 30;
    const paidCount = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from payments where status = 'paid' and authority_id = ${authority}`.execute(
          db,
        )
      ).rows[0]?.n ?? 0;
    for (let i = 0; i < count; i++) {
      const citizen = await createCitizen(db, { givenNames: `Payeur${i}`, familyName: 'Crash' });
      await openRequest(db, citizen, form.id);
    }
    const { rows: fees } = await sql<{ id: string; refno: string; amount_cents: number }>`
      select id, refno, amount_cents from payments where source like 'case:%' and authority_id = ${authority}`.execute(
      db,
    );
    expect(fees).toHaveLength(count);
    // Each person opened Datatrans' page twenty minutes ago (old enough for reconciliation) and paid.
    for (const [i, fee] of fees.entries()) {
      const transactionId = `26113012${String(i).padStart(6, '0')}`;
      settled.set(transactionId, { refno: fee.refno, amount: fee.amount_cents });
      await sql`update payments set status = 'pending', provider = 'datatrans', provider_transaction_id = ${transactionId},
                  updated_at = now() - interval '20 minutes' where id = ${fee.id}`.execute(db);
      await sql`insert into payment_events (payment_id, kind, provider_status, body, at)
                values (${fee.id}, 'initiated', 'initialized', ${JSON.stringify({ transactionId, status: 'initialized', currency: 'CHF', refno: fee.refno, provider: 'datatrans' })}::jsonb,
                        now() - interval '20 minutes')`.execute(db);
    }

    const first = await spawnGuichet(['serve'], env);
    running.push(first);
    const answers: (number | 'cut')[] = [];
    const sending = [...settled.keys()].map(async (id) => {
      const answer = await notify(first.url, id);
      answers.push(answer);
      return { id, answer };
    });
    while (answers.filter((a) => a === 200).length < 5) await sleep(20);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const firstRound = await Promise.all(sending);
    const acknowledged = firstRound.filter((r) => r.answer === 200).length;
    const paidAtKill = await paidCount();

    // Datatrans sends again some of what it got no 200 for; the reconciliation job (every ten minutes,
    // asked at once here) finds the others by asking Datatrans.
    const restartedAt = Date.now();
    const second = await spawnGuichet(['serve'], env);
    running.push(second);
    const unacknowledged = firstRound.filter((r) => r.answer !== 200);
    const resent = await Promise.all(
      unacknowledged
        .filter((_, i) => i % 2 === 0)
        .map(async ({ id }) => ({ id, answer: await notify(second.url, id) })),
    );
    await enqueue(db, 'payments:reconcile-pending', {});
    const state = async () =>
      (
        await sql<{ paid: number; moved: number }>`
          select count(*) filter (where p.status = 'paid')::int as paid,
                 (select count(*)::int from cases c where c.form_id = ${form.id} and c.status = 'submitted') as moved
            from payments p where p.source like 'case:%' and p.authority_id = ${authority}`.execute(db)
      ).rows[0] ?? { paid: 0, moved: 0 };
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const now = await state();
      if (now.paid === count && now.moved === count) break;
      await sleep(500);
    }
    expect(await state()).toEqual({ paid: count, moved: count });
    // Settled once each: one audit trace, one paid event on its request, one movement out of awaiting_fee.
    const { rows: settlements } = await sql<{ subject_id: string; n: number }>`
      select subject_id, count(*)::int as n from audit_events where action = 'payment.settled' group by subject_id`.execute(
      db,
    );
    expect(settlements).toHaveLength(count);
    expect(settlements.every((s) => s.n === 1)).toBe(true);
    const { rows: followUps } = await sql<{ paid: number; moved: number }>`
      select count(*) filter (where e.kind = 'paid')::int as paid,
             count(*) filter (where e.from_status = 'awaiting_fee')::int as moved
        from case_events e join cases c on c.id = e.case_id where c.form_id = ${form.id} group by c.id`.execute(
      db,
    );
    expect(followUps).toHaveLength(count);
    expect(
      followUps.every((f) => f.paid === 1 && f.moved === 1),
      JSON.stringify(followUps),
    ).toBe(true);
    const { rows: settledBy } = await sql<{ actor: string; n: number }>`
      select actor, count(*)::int as n from audit_events where action = 'payment.settled' group by actor`.execute(
      db,
    );
    // Reconciliation asked about the attempts that were neither notified again nor settled at the kill.
    expect(statusAsked).toBeGreaterThanOrEqual(
      unacknowledged.length - resent.length - (paidAtKill - acknowledged),
    );
    const { rows: flagged } = await sql<{ n: number }>`
      select count(*)::int as n from payment_events where kind in ('duplicate', 'mismatch')`.execute(db);
    expect(flagged[0]?.n).toBe(0);
    await writeFigures('crash-during-payment-notifications', {
      fees: count,
      acknowledgedBeforeKill: acknowledged,
      cutByKill: unacknowledged.length,
      paidAtKill,
      resent: resent.length,
      leftToReconciliation: unacknowledged.length - resent.length,
      resentAnswers: Object.fromEntries(
        [...new Set(resent.map((r) => String(r.answer)))].map((a) => [
          a,
          resent.filter((r) => String(r.answer) === a).length,
        ]),
      ),
      statusAsked,
      settledBy: Object.fromEntries(settledBy.map((r) => [r.actor, r.n])),
      allPaidWithinSeconds: (Date.now() - restartedAt) / 1000,
    });
  });
});
