import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CamtEntry, camt054 } from '../../../tests/support/camt054.ts';
import { createAuthority, createCitizen } from '../../../tests/support/factories.ts';
import { sealPending } from '../../../tests/support/issuing.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import {
  createBlobStore,
  type DocumentVault,
  getDocumentOfAccount,
  readDocument,
} from '../documents/index.ts';
import { issuedDocumentOfDocument, readQrImage, validateSeal } from '../signing/index.ts';
import { CamtError } from './camt.ts';
import { creditsToCheck, importCamt, resolveBankCredit } from './camt-import.ts';
import { balancesOf, openOfPayment } from './ledger.ts';
import { savePaymentSettings } from './payment-settings.ts';
import { getPaymentOfAuthority, type Payment, requestPayment } from './payments.ts';
import { isValidCreditorReference } from './qr-bill-reference.ts';
import { sendQrBill } from './qr-bill-send.ts';

let app: Awaited<ReturnType<typeof createTestApp>>;
let vault: DocumentVault;
let sion = '';
let accountId = '';
const sionQrIban = 'CH3930808001234567891';

beforeAll(async () => {
  app = await createTestApp();
  const { db } = app.database;
  vault = {
    db,
    store: createBlobStore(app.config.documentStore, db),
    keys: await masterKeysFor(app.config, db),
  };
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  accountId = (await createCitizen(db, { givenNames: 'Noé', familyName: 'Bonvin', email: 'noe@example.ch' }))
    .account.id;
});
afterAll(() => app?.close());

let n = 0;
/** A fee of Sion with its QR-bill sent; its settlement enqueues `cases:payment-settled` for `caseId`. */
async function billedFee(amountCents: number) {
  const { db } = app.database;
  const caseId = `camt-test-${++n}`;
  const payment = await db.transaction().execute((tx) =>
    requestPayment(tx, {
      authorityId: sion,
      accountId,
      purpose: { fr: 'Taxe de chien 2027' },
      reference: `GU-TEST-${n}`,
      amountCents,
      source: `camt-test:${n}`,
      link: '/my',
      onSettled: { job: 'cases:payment-settled', payload: { caseId, status: 'paid' } },
    }),
  );
  const sent = await sendQrBill({ db: vault.db, config: app.config, vault }, payment, {
    actor: 'test',
    locale: 'fr',
  });
  if (typeof sent === 'string') throw new Error(sent);
  return { payment, reference: sent.slip.reference, caseId };
}

describe('a QR-bill sent for a fee', () => {
  it('is issued like every document: in the register, sealed by the job, its Swiss QR code intact', async () => {
    const { db } = app.database;
    const { payment, reference } = await billedFee(4500);
    const { rows } = await sql<{ document_id: string }>`
      select document_id from payment_bank_slips where payment_id = ${payment.id}`.execute(db);
    const documentId = rows[0]?.document_id ?? '';
    expect((await getDocumentOfAccount(db, accountId, documentId))?.awaiting_seal).toBe(true);
    await sealPending(app);
    const sealed = await getDocumentOfAccount(db, accountId, documentId);
    if (!sealed) throw new Error('QR-bill document missing');
    const bytes = await readDocument(vault, sealed);
    expect((await validateSeal(db, bytes)).status).toBe('valid');
    expect(await issuedDocumentOfDocument(db, documentId)).toMatchObject({ type: 'bill', status: 'valid' });
    const folder = mkdtempSync(path.join(os.tmpdir(), 'qr-bill-sealed-'));
    try {
      writeFileSync(path.join(folder, 'bill.pdf'), bytes);
      spawnSync('pdftoppm', [
        '-r',
        '150',
        '-png',
        '-singlefile',
        path.join(folder, 'bill.pdf'),
        path.join(folder, 'bill'),
      ]);
      const payload = await readQrImage(readFileSync(path.join(folder, 'bill.png')));
      expect(payload.split('\n').slice(0, 3)).toEqual(['SPC', '0200', '1']);
      expect(payload).toContain(reference);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

const file = (messageId: string, entries: CamtEntry[], version: '04' | '08' = '08') =>
  camt054({ version, account: sionQrIban, messageId, entries });
const run = (xml: string) => importCamt(app.database.db, xml, { authorityId: sion, actor: 'test' });
const statusOf = async (payment: Payment) =>
  (await getPaymentOfAuthority(app.database.db, sion, payment.id))?.status;
async function settledJobs(caseId: string) {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'cases:payment-settled' and j.payload->>'caseId' = ${caseId}`.execute(
    app.database.db,
  );
  return rows[0]?.n;
}

describe('camt.054 import', () => {
  it('settles the fee whose QR reference a credit carries, once, with the asker’s job enqueued once', async () => {
    const fee = await billedFee(5000);
    const xml = file('M-1', [
      { servicerRef: 'A-1', amountCents: 5000, reference: fee.reference, debtor: 'Noé Bonvin' },
    ]);
    const first = await run(xml);
    expect(first).toMatchObject({ credits: 1, known: 0, outcomes: { settled: 1 } });
    expect(await statusOf(fee.payment)).toBe('paid');
    // The same file again, and the same entry inside another file: nothing more happens.
    expect(await run(xml)).toMatchObject({ credits: 0, known: 1 });
    const overlapping = file(
      'M-1b',
      [{ servicerRef: 'A-1', amountCents: 5000, reference: fee.reference }],
      '04',
    );
    expect(await run(overlapping)).toMatchObject({ credits: 0, known: 1 });
    expect(await settledJobs(fee.caseId)).toBe(1);
    expect(await openOfPayment(app.database.db, sion, fee.payment.id)).toBe(0);
  });

  it('reads version .04 too, and a QR reference reported in blocks with spaces', async () => {
    const fee = await billedFee(1200);
    const spaced = fee.reference.replace(/(.{5})/g, '$1 ');
    expect(
      await run(file('M-2', [{ servicerRef: 'B-1', amountCents: 1200, reference: spaced }], '04')),
    ).toMatchObject({ outcomes: { settled: 1 } });
    expect(await statusOf(fee.payment)).toBe('paid');
  });

  it('settles a fee paid in two parts whatever order the files come in, once', async () => {
    const [a, b] = [await billedFee(8000), await billedFee(8000)];
    const part = (fee: typeof a, ref: string, cents: number) => ({
      servicerRef: ref,
      amountCents: cents,
      reference: fee.reference,
    });
    const first = file('M-3a', [part(a, 'C-1', 3000), part(b, 'D-2', 5000)]);
    const second = file('M-3b', [part(a, 'C-2', 5000), part(b, 'D-1', 3000)]);
    await run(first);
    expect(await statusOf(a.payment)).toBe('open');
    // Staff see the partial payment while the fee waits for the rest.
    expect((await creditsToCheck(app.database.db, sion)).map((c) => c.entry_key)).toContain('C-1');
    await run(second);
    await run(first);
    await run(second);
    for (const fee of [a, b]) {
      expect(await statusOf(fee.payment)).toBe('paid');
      expect(await settledJobs(fee.caseId)).toBe(1);
      expect(await openOfPayment(app.database.db, sion, fee.payment.id)).toBe(0);
    }
    expect((await creditsToCheck(app.database.db, sion)).map((c) => c.entry_key)).not.toContain('C-1');
  });

  it('lists partial, excess and unmatched credits with their booking details, and resolves them (audited)', async () => {
    const { db } = app.database;
    const [short, over] = [await billedFee(4000), await billedFee(2000)];
    const before = await balancesOf(db, sion);
    await run(
      file('M-4', [
        {
          servicerRef: 'P-1',
          amountCents: 2500,
          reference: short.reference,
          debtor: 'Ada Roh',
          bookingDate: '2026-12-02',
        },
        { servicerRef: 'X-1', amountCents: 2300, reference: over.reference, debtor: 'Léa Roh' },
        {
          servicerRef: 'U-1',
          amountCents: 990,
          reference: '210000000003139471430009017',
          remittance: 'Facture 17',
        },
        { servicerRef: 'D-9', amountCents: 1500, debit: true },
        { servicerRef: 'PD-1', amountCents: 1500, pending: true, reference: short.reference },
      ]),
    );
    expect(await statusOf(short.payment)).toBe('open');
    expect(await statusOf(over.payment)).toBe('paid');
    const listed = await creditsToCheck(db, sion);
    const byKey = Object.fromEntries(listed.map((c) => [c.entry_key, c]));
    expect(byKey['P-1']).toMatchObject({
      outcome: 'partial',
      amount_cents: 2500,
      applied_cents: 2500,
      booking_date: '2026-12-02',
      debtor_name: 'Ada Roh',
      reference: short.reference,
    });
    expect(byKey['X-1']).toMatchObject({ outcome: 'excess', amount_cents: 2300, applied_cents: 2000 });
    expect(byKey['U-1']).toMatchObject({ outcome: 'unmatched', applied_cents: 0, remittance: 'Facture 17' });
    expect(byKey['D-9']).toBeUndefined();
    expect(byKey['PD-1']).toBeUndefined();
    const after = await balancesOf(db, sion);
    expect(after.receivedCents - before.receivedCents).toBe(2500 + 2300 + 990);
    expect(after.unassignedCents - before.unassignedCents).toBe(300 + 990);

    // A partial payment cannot be written off here, nor an excess "settled".
    const id = (key: string) => byKey[key]?.id ?? '';
    expect(
      await resolveBankCredit(db, sion, id('P-1'), { resolution: 'written_off', actor: 'person:x' }),
    ).toBe('refused');
    expect(await resolveBankCredit(db, sion, id('X-1'), { resolution: 'settled', actor: 'person:x' })).toBe(
      'refused',
    );
    expect(await resolveBankCredit(db, sion, id('P-1'), { resolution: 'settled', actor: 'person:x' })).toBe(
      'resolved',
    );
    expect(await resolveBankCredit(db, sion, id('P-1'), { resolution: 'settled', actor: 'person:x' })).toBe(
      'refused',
    );
    expect(
      await resolveBankCredit(db, sion, id('X-1'), { resolution: 'written_off', actor: 'person:x' }),
    ).toBe('resolved');
    expect(
      await resolveBankCredit(db, sion, id('U-1'), { resolution: 'written_off', actor: 'person:x' }),
    ).toBe('resolved');
    expect(await statusOf(short.payment)).toBe('paid');
    expect(await settledJobs(short.caseId)).toBe(1);
    expect(await openOfPayment(db, sion, short.payment.id)).toBe(0);
    expect((await balancesOf(db, sion)).unassignedCents).toBe(before.unassignedCents);
    expect(await creditsToCheck(db, sion)).toEqual([]);
    const { rows } = await sql<{ action: string }>`select action from audit_events
      where action like 'payment.bankCredit.%' order by id`.execute(db);
    expect(rows.map((r) => r.action)).toEqual([
      'payment.bankCredit.settled',
      'payment.bankCredit.written_off',
      'payment.bankCredit.written_off',
    ]);
  });

  it('refuses a malformed file with a clear error and imports nothing of it', async () => {
    const fee = await billedFee(700);
    const good = file('M-5', [{ servicerRef: 'Z-1', amountCents: 700, reference: fee.reference }]);
    await expect(run(good.replace('</Ntfctn>', '</Ntfctn'))).rejects.toThrow(CamtError);
    await expect(run(good.replace('</Ntfctn>', '</Ntfctn'))).rejects.toThrow(
      /not well-formed XML \(line \d+/,
    );
    await expect(
      run(good.replace('<Amt Ccy="CHF">7.00</Amt>', '<Amt Ccy="CHF">seven</Amt>')),
    ).rejects.toThrow(/entry 1: an amount/);
    await expect(run(good.replace(/camt\.054\.001\.08/, 'camt.053.001.08'))).rejects.toThrow(/camt\.053/);
    await expect(run('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).rejects.toThrow(/document type/);
    expect(await statusOf(fee.payment)).toBe('open');
    expect(await run(good)).toMatchObject({ credits: 1, outcomes: { settled: 1 } });
  });

  it('matches a creditor reference (SCOR) when the authority has an ordinary IBAN only', async () => {
    const { db } = app.database;
    const commune = await createAuthority(db, { slug: 'iban-only' });
    const iban = 'CH9300762011623852957';
    const saved = await savePaymentSettings(db, vault.keys, 'test', commune.id, {
      provider: 'datatrans',
      merchant: { merchantId: '1100000001', password: 'secret', signKey: 'ab'.repeat(32) },
      creditor: {
        name: 'Commune',
        street: 'Rue',
        buildingNumber: '1',
        postalCode: '1950',
        town: 'Sion',
        country: 'CH',
        iban,
      },
      accountingCodes: 'default = 4200',
    });
    expect(saved).toBe('saved');
    const payment = await db.transaction().execute((tx) =>
      requestPayment(tx, {
        authorityId: commune.id,
        accountId,
        purpose: { fr: 'Émolument' },
        amountCents: 2500,
        source: 'camt-test:scor',
        link: '/my',
      }),
    );
    const sent = await sendQrBill({ db: vault.db, config: app.config, vault }, payment, {
      actor: 'test',
      locale: 'fr',
    });
    if (typeof sent === 'string') throw new Error(sent);
    expect(sent.slip).toMatchObject({ reference_type: 'SCOR', creditor_account: iban });
    expect(isValidCreditorReference(sent.slip.reference)).toBe(true);
    const xml = camt054({
      version: '08',
      account: iban,
      messageId: 'M-SCOR',
      entries: [
        { servicerRef: 'S-1', amountCents: 2500, reference: sent.slip.reference.replace(/(.{4})/g, '$1 ') },
      ],
    });
    expect(xml).toContain('<Cd>SCOR</Cd>');
    expect(await importCamt(db, xml, { actor: 'test' })).toMatchObject({ outcomes: { settled: 1 } });
    expect((await getPaymentOfAuthority(db, commune.id, payment.id))?.status).toBe('paid');
  });

  it('does not settle another authority’s fee from this authority’s file', async () => {
    const fee = await billedFee(900);
    const valais = (await getAuthorityBySlug(app.database.db, 'valais'))?.id ?? '';
    const summary = await importCamt(
      app.database.db,
      file('M-6', [{ servicerRef: 'V-1', amountCents: 900, reference: fee.reference }]),
      {
        authorityId: valais,
        actor: 'test',
      },
    );
    expect(summary.outcomes.unmatched).toBe(1);
    expect(await statusOf(fee.payment)).toBe('open');
  });
});
