import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../../tests/support/factories.ts';
import { httpClient } from '../../../../tests/support/http-client.ts';
import { pdfText } from '../../../../tests/support/pdf-text.ts';
import { createTestApp } from '../../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../../platform/http/access.ts';
import { getAuthorityBySlug } from '../../authorities/index.ts';
import { getDocumentOfAccount, readDocument, vaultOf } from '../../documents/index.ts';
import { rotateSealKey, validateSeal, verificationKeys } from '../index.ts';
import { decodeQr, fromCwt, readQrImage, verifyCose } from '../qr/index.ts';
import { type Issuance, issueDocument, issuingContextOf } from './issue-document.ts';
import { issuedDocumentBySerial, issuedDocumentBySha256, revokedSerials } from './register.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;
let spf = '';
const folder = mkdtempSync(path.join(os.tmpdir(), 'guichet-issuing-'));

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Favre' });
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await testApp?.close();
});

const extract = (key: string): Issuance => ({
  type: 'extract',
  authorityId: spf,
  accountId: citizen.account.id,
  subject: { kind: 'person', name: 'Léa Favre' },
  language: 'fr',
  content: {
    title: 'Extrait du registre des poursuites',
    recipient: 'Léa Favre',
    paragraphs: ['Aucune poursuite n’est enregistrée au nom de la personne désignée ci-dessus.'],
    sections: [{ fields: [{ label: 'Date de naissance', value: '14.03.1988' }] }],
  },
  verifierFields: { n: 'Léa Favre', b: '1988-03-14', o: 'Aucune poursuite' },
  validUntil: new Date(Date.now() + 90 * 86_400_000),
  category: 'extract',
  filename: 'extrait.pdf',
  idempotencyKey: key,
  issuedBy: 'system',
});

/** Issues a document and runs its sealing job, as the worker would. */
async function issueAndSeal(key: string) {
  const context = await issuingContextOf(testApp.platform);
  const { document, serial } = await testApp.database.db
    .transaction()
    .execute((tx) => issueDocument(context, extract(key), tx));
  const before = await getDocumentOfAccount(testApp.database.db, citizen.account.id, document.id);
  const issued = await issuedDocumentBySerial(testApp.database.db, serial);
  await testApp.jobs['signing:seal-issued']?.({ issuedId: issued?.id ?? '' }, {} as never);
  const sealed = await getDocumentOfAccount(testApp.database.db, citizen.account.id, document.id);
  if (!sealed) throw new Error('issued document missing');
  const bytes = await readDocument(await vaultOf(testApp.platform), sealed);
  return { before, sealed, bytes, serial };
}

/** The QR code printed on the first page, read back from the page rendered at 150 dpi. */
function qrOfFirstPage(pdf: Buffer): Promise<string> {
  const file = path.join(folder, `${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  const rendered = spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, `${file}-page`]);
  if (rendered.status !== 0) throw new Error(`pdftoppm failed: ${rendered.stderr}`);
  return readQrImage(readFileSync(`${file}-page.png`));
}

async function certificateOf(kid: Uint8Array) {
  const keys = await verificationKeys(testApp.database.db);
  const found = keys.find((k) => k.kid === Buffer.from(kid).toString('base64'));
  if (!found) throw new Error('kid not in the trust list');
  return found.certificate;
}

describe('issuing a document', () => {
  it('publishes it at once, hands it out once sealed, and the seal and the printed QR code both verify', async () => {
    const { before, sealed, bytes, serial } = await issueAndSeal('extract-1');
    expect(before?.awaiting_seal).toBe(true);
    expect(sealed.awaiting_seal).toBe(false);

    const file = path.join(folder, 'sealed.pdf');
    writeFileSync(file, bytes);
    const pdfsig = spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
    const report = `${pdfsig.stdout}${pdfsig.stderr}`;
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect((await validateSeal(testApp.database.db, bytes)).status).toBe('valid');

    const register = await issuedDocumentBySerial(testApp.database.db, serial);
    expect(register).toMatchObject({ status: 'valid', type: 'extract', authorityId: spf });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(register?.sha256).toBe(sha256);
    expect((await issuedDocumentBySha256(testApp.database.db, sha256))?.serial).toBe(serial);

    const text = pdfText(bytes);
    expect(text).toContain('Aucune poursuite');
    expect(text).toContain(serial);

    const payload = await qrOfFirstPage(bytes);
    expect(payload.startsWith('GV1:')).toBe(true);
    const decoded = decodeQr(payload);
    if (!decoded.ok) throw new Error(`QR did not decode: ${decoded.layer}`);
    expect(verifyCose(decoded, await certificateOf(decoded.kid))).toBe(true);
    expect(fromCwt(decoded.claims)).toMatchObject({
      iss: 'spf',
      type: 'extract',
      serial,
      fields: { n: 'Léa Favre', b: '1988-03-14', o: 'Aucune poursuite' },
    });
  });

  it('detects one changed byte in the PDF and in the QR payload', async () => {
    const { bytes } = await issueAndSeal('extract-2');
    const altered = Buffer.from(bytes);
    // A byte of the signed content (the title's stream), not of the signature itself.
    const at = Math.floor(altered.length / 3);
    altered.writeUInt8((altered.readUInt8(at) ^ 0x01) & 0xff, at);
    expect((await validateSeal(testApp.database.db, altered)).status).not.toBe('valid');
    expect(
      await issuedDocumentBySha256(testApp.database.db, createHash('sha256').update(altered).digest('hex')),
    ).toBeUndefined();

    const payload = await qrOfFirstPage(bytes);
    const decoded = decodeQr(payload);
    if (!decoded.ok) throw new Error('QR did not decode');
    const tampered = {
      ...decoded,
      payload: Uint8Array.from(decoded.payload, (b, i) => (i === 10 ? b ^ 1 : b)),
    };
    expect(verifyCose(tampered, await certificateOf(decoded.kid))).toBe(false);
  });

  it('is issued once for one idempotency key', async () => {
    const context = await issuingContextOf(testApp.platform);
    const issue = () =>
      testApp.database.db.transaction().execute((tx) => issueDocument(context, extract('extract-once'), tx));
    const first = await issue();
    const second = await issue();
    expect(second).toEqual({ document: first.document, serial: first.serial });
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from issued_documents where document_id = ${first.document.id}`.execute(
      testApp.database.db,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('still verifies after the authority rotated its seal key', async () => {
    const old = await issueAndSeal('extract-before-rotation');
    await rotateSealKey(testApp.platform, spf);
    const fresh = await issueAndSeal('extract-after-rotation');
    for (const { bytes } of [old, fresh]) {
      expect((await validateSeal(testApp.database.db, bytes)).status).toBe('valid');
      const decoded = decodeQr(await qrOfFirstPage(bytes));
      if (!decoded.ok) throw new Error('QR did not decode');
      expect(verifyCose(decoded, await certificateOf(decoded.kid))).toBe(true);
    }
    const kids = await Promise.all(
      [old, fresh].map(async ({ bytes }) => {
        const decoded = decodeQr(await qrOfFirstPage(bytes));
        return decoded.ok ? Buffer.from(decoded.kid).toString('hex') : '';
      }),
    );
    expect(kids[0]).not.toBe(kids[1]);
  });
});

describe('revoking an issued document', () => {
  it('is for the authority’s administrators, shows in the register, the revocation list and the holder’s document', async () => {
    const { serial, sealed } = await issueAndSeal('extract-to-revoke');
    const { get, post } = httpClient(testApp.app);
    const page = `/back-office/authorities/spf/issued-documents`;

    actor = staffActor(spf, 'agent');
    expect((await get(page)).status).toBe(200);
    expect((await get(`${page}/${serial}/revoke`)).status).toBe(404); // agents read, administrators revoke

    actor = staffActor(spf, 'authorityAdmin');
    expect((await get(`${page}/${serial}/revoke`)).status).toBe(200);
    expect((await post(`${page}/${serial}/revoke`, { reason: '' })).status).toBe(422);
    const done = await post(`${page}/${serial}/revoke`, { reason: 'Délivré par erreur' });
    expect(done.status).toBe(303);
    expect((await issuedDocumentBySerial(testApp.database.db, serial))?.status).toBe('revoked');
    expect((await revokedSerials(testApp.database.db)).map((r) => r.serial)).toContain(serial);
    const { rows } = await sql<{ action: string }>`
      select action from audit_events where subject_id = ${serial}`.execute(testApp.database.db);
    expect(rows.map((r) => r.action)).toEqual(['document.revoke']);

    actor = staffActor((await getAuthorityBySlug(testApp.database.db, 'sion'))?.id ?? '', 'authorityAdmin');
    expect(
      (await post(`/back-office/authorities/spf/issued-documents/${serial}/revoke`, { reason: 'x' })).status,
    ).toBe(404);

    actor = citizen;
    const holderPage = await (await get(`/documents/${sealed.id}`)).text();
    expect(holderPage).toContain('Délivré par erreur');
  });
});
