import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createCitizen } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { balancesOf, ledgerRows, openFees, openOfPayment, recordMoneyEvent } from './ledger.ts';
import { cancelUnpaid, requestPayment } from './payments.ts';
import { applyTransaction } from './provider-transactions.ts';

let app: Awaited<ReturnType<typeof createTestApp>>;
let authorityId = '';
let accountId = '';

beforeAll(async () => {
  app = await createTestApp();
  const { db } = app.database;
  authorityId = (await createAuthority(db, { slug: 'ledger-test' })).id;
  accountId = (await createCitizen(db, { givenNames: 'Ida', familyName: 'Roux', email: 'ida@example.ch' }))
    .account.id;
});
afterAll(() => app?.close());

describe('the ledger', () => {
  it('refuses to change or delete a row, even for the database owner’s connection', async () => {
    const { db } = app.database;
    await recordMoneyEvent(db, {
      kind: 'transferred',
      authorityId,
      paymentId: null,
      amountCents: 100,
      currency: 'CHF',
      provider: 'bank',
      eventKey: 'ledger-test:1',
    });
    await expect(
      sql`update payment_ledger set amount_cents = 1 where event_key = 'ledger-test:1'`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from payment_ledger where event_key = 'ledger-test:1'`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`truncate payment_ledger cascade`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('records an event once, however often it is told', async () => {
    const { db } = app.database;
    const event = {
      kind: 'written_off' as const,
      authorityId,
      paymentId: null,
      amountCents: 100,
      currency: 'CHF',
      eventKey: 'ledger-test:2',
    };
    await recordMoneyEvent(db, event);
    await recordMoneyEvent(db, { ...event, amountCents: 999 });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from payment_ledger
      where event_key = 'ledger-test:2'`.execute(db);
    expect(rows[0]?.n).toBe(1);
  });

  it('counts money taken twice as received without a fee, once', async () => {
    const { db } = app.database;
    const fee = await db.transaction().execute((tx) =>
      requestPayment(tx, {
        authorityId,
        accountId,
        purpose: { fr: 'Émolument' },
        amountCents: 700,
        source: 'ledger-test:twice',
        link: '/my',
      }),
    );
    const before = await balancesOf(db, authorityId);
    const settled = (transactionId: string) => ({
      transactionId,
      status: 'settled',
      currency: 'CHF',
      refno: fee.refno,
      detail: { settle: { amount: 700 } },
    });
    const paid = await applyTransaction(db, fee, settled('tx-first'), 'checked');
    await applyTransaction(db, paid, settled('tx-second'), 'checked');
    await applyTransaction(db, paid, settled('tx-second'), 'webhook');
    const after = await balancesOf(db, authorityId);
    expect(after.receivedCents - before.receivedCents).toBe(1400);
    expect(after.openCents - before.openCents).toBe(-700);
    expect(await openOfPayment(db, authorityId, fee.id)).toBe(0);
  });

  it('derives the balances from the events: asked, paid, refunded, cancelled, transferred, written off', async () => {
    const { db } = app.database;
    const before = await balancesOf(db, authorityId);
    const ask = (n: number, amountCents: number) =>
      db.transaction().execute((tx) =>
        requestPayment(tx, {
          authorityId,
          accountId,
          purpose: { fr: 'Émolument' },
          amountCents,
          source: `ledger-test:fee:${n}`,
          link: '/my',
        }),
      );
    const [paid, cancelled, open] = [await ask(1, 3000), await ask(2, 2000), await ask(3, 1500)];
    expect((await balancesOf(db, authorityId)).openCents - before.openCents).toBe(6500);
    const fee = (payment: typeof paid) => ({ authorityId, paymentId: payment.id, currency: 'CHF' });
    await recordMoneyEvent(db, {
      ...fee(paid),
      kind: 'paid',
      amountCents: 3000,
      provider: 'datatrans',
      method: 'TWI',
      eventKey: `paid:${paid.id}`,
    });
    await recordMoneyEvent(db, {
      ...fee(paid),
      kind: 'refunded',
      amountCents: 500,
      provider: 'datatrans',
      eventKey: 'ledger-test:refund',
    });
    await db.transaction().execute((tx) => cancelUnpaid(tx, 'ledger-test:fee:2'));
    const after = await balancesOf(db, authorityId);
    expect(after.openCents - before.openCents).toBe(1500);
    expect(after.receivedCents - before.receivedCents).toBe(2500);
    expect(await openOfPayment(db, authorityId, paid.id)).toBe(0);
    expect(await openOfPayment(db, authorityId, cancelled.id)).toBe(0);
    expect(
      (await openFees(db, authorityId, new Date(Date.now() + 60_000))).map((f) => [
        f.id,
        Number(f.open_cents),
      ]),
    ).toEqual([[open.id, 1500]]);
    // Nothing of it is stored: the rows are the events themselves.
    const rows = await ledgerRows(db, authorityId, new Date(0), new Date(Date.now() + 60_000));
    expect(rows.filter((r) => r.payment_id === paid.id).map((r) => r.kind)).toEqual([
      'asked',
      'paid',
      'refunded',
    ]);
    expect(rows.filter((r) => r.payment_id === cancelled.id).map((r) => r.kind)).toEqual([
      'asked',
      'cancelled',
    ]);
  });
});
