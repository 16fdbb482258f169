import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camt054 } from '../../../tests/support/camt054.ts';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createBlobStore } from '../documents/index.ts';
import { requestPayment } from './payments.ts';
import { paymentsCommand } from './payments-cli.ts';
import { sendQrBill } from './qr-bill-send.ts';

let app: Awaited<ReturnType<typeof createTestApp>>;
const folder = mkdtempSync(path.join(tmpdir(), 'statement-'));
/** Today in Swiss time, the day the events below are recorded on. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' }).format(new Date());
const swissToday = today.split('-').reverse().join('.');

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('guichet payments import-camt and statement', () => {
  it('imports a file, then states the day in JSON and CSV with totals, balances and open fees', async () => {
    const { db } = app.database;
    const sion = await getAuthorityBySlug(db, 'sion');
    if (!sion) throw new Error('demo data missing');
    const accountId = (
      await createCitizen(db, { givenNames: 'Jo', familyName: 'Roh', email: 'jo@example.ch' })
    ).account.id;
    const ask = (n: number, amountCents: number) =>
      db.transaction().execute((tx) =>
        requestPayment(tx, {
          authorityId: sion.id,
          accountId,
          purpose: { fr: `Émolument ${n}` },
          reference: `GU-STATE-${n}`,
          amountCents,
          source: `case:statement:${n}`,
          link: '/my',
        }),
      );
    const [paidByBank, stillOpen] = [await ask(1, 4200), await ask(2, 1800)];
    const vault = {
      db,
      store: createBlobStore(app.config.documentStore, db),
      keys: await masterKeysFor(app.config, db),
    };
    const sent = await sendQrBill({ db: vault.db, config: app.config, vault }, paidByBank, {
      actor: 'test',
      locale: 'fr',
    });
    if (typeof sent === 'string') throw new Error(sent);
    const file = path.join(folder, 'camt.xml');
    writeFileSync(
      file,
      camt054({
        version: '08',
        account: sent.slip.creditor_account,
        messageId: 'CLI-1',
        entries: [
          { servicerRef: 'CLI-A', amountCents: 4200, reference: sent.slip.reference },
          { servicerRef: 'CLI-B', amountCents: 500, remittance: 'Don' },
        ],
      }),
    );
    // Without --authority: the credits go to the authority of their reference, or of the account credited.
    const imported = JSON.parse(await paymentsCommand(db, { sub: 'import-camt', file }));
    expect(imported).toMatchObject({ credits: 2, outcomes: { settled: 1, unmatched: 1 } });
    expect(
      JSON.parse(await paymentsCommand(db, { sub: 'import-camt', file, authority: 'sion' })),
    ).toMatchObject({
      credits: 0,
      known: 2,
    });

    const json = JSON.parse(
      await paymentsCommand(db, { sub: 'statement', authority: 'sion', date: swissToday }),
    );
    expect(json).toMatchObject({
      format: 'guichet-payments-statement/1',
      date: today,
      timeZone: 'Europe/Zurich',
    });
    const ours = json.events.filter((e: { paymentId: string | null }) =>
      [paidByBank.id, stillOpen.id, null].includes(e.paymentId),
    );
    type Row = { kind: string; amountCents: number; paymentId: string | null };
    expect(ours.map((e: Row) => [e.kind, e.amountCents])).toEqual(
      expect.arrayContaining([
        ['asked', 4200],
        ['asked', 1800],
        ['transferred', 4200],
        ['transferred', 500],
      ]),
    );
    expect(ours).toHaveLength(4);
    expect(ours.find((e: Row) => e.kind === 'transferred' && e.paymentId === paidByBank.id)).toMatchObject({
      provider: 'bank',
      method: 'qr-bill',
      reference: 'GU-STATE-1',
      accountingCode: '4260',
      amount: '42.00',
    });
    expect(json.totals).toContainEqual({
      provider: 'bank',
      method: 'qr-bill',
      kind: 'transferred',
      count: 1,
      amountCents: 4200,
      amount: '42.00',
    });
    expect(json.balances.closing.receivedCents - json.balances.opening.receivedCents).toBe(4700);
    expect(json.balances.closing.unassignedCents - json.balances.opening.unassignedCents).toBe(500);
    expect(json.openFees.map((f: { reference: string }) => f.reference)).toContain('GU-STATE-2');
    expect(json.openFees.map((f: { reference: string }) => f.reference)).not.toContain('GU-STATE-1');

    const csv = await paymentsCommand(db, {
      sub: 'statement',
      authority: 'sion',
      date: today,
      format: 'csv',
    });
    expect(csv.startsWith('\ufeff"Partie";"Date et heure";"Mouvement";"Montant (CHF)"')).toBe(true);
    expect(csv).toContain('"Mouvements du jour";');
    expect(csv).toContain(
      '"Viré par la banque";"42.00";"bank";"qr-bill";"GU-STATE-1";"Émolument 1";"4260";"1"',
    );
    expect(csv).toContain('"Émoluments ouverts à la fin du jour";');
    await expect(
      paymentsCommand(db, { sub: 'statement', authority: 'sion', date: '31.02.2026' }),
    ).rejects.toThrow(/Not a day/);
  });
});
