import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { currentSealKey, rotateSealKey, sealPdf, validateSeal } from './index.ts';
import { parsePkcs12 } from './pkcs12.ts';

let app: Awaited<ReturnType<typeof serveTestApp>>;
let authorityId: string;
const dir = mkdtempSync(path.join(tmpdir(), 'seal-p12-'));

/** A seal key and certificate in a PKCS#12 as OpenSSL 3 writes it (AES-256, PBKDF2, SHA-256 MAC). */
function makePkcs12(name: string, curve = 'prime256v1'): Buffer {
  const key = path.join(dir, `${name}.key`);
  const certificate = path.join(dir, `${name}.crt`);
  execFileSync('openssl', ['ecparam', '-name', curve, '-genkey', '-noout', '-out', key]);
  execFileSync('openssl', [
    'req',
    '-new',
    '-x509',
    '-key',
    key,
    '-subj',
    `/CN=${name}`,
    '-days',
    '30',
    '-out',
    certificate,
  ]);
  const file = path.join(dir, `${name}.p12`);
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    key,
    '-in',
    certificate,
    '-passout',
    'pass:s3cret',
    '-out',
    file,
  ]);
  return readFileSync(file);
}

async function aPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage();
  return document.save();
}

beforeAll(async () => {
  app = await serveTestApp();
  authorityId = (await getAuthorityBySlug(app.database.db, 'valais'))?.id ?? '';
});
afterAll(() => app?.close());

/** As production: no local CA, each authority's PKCS#12 in a folder. */
const production = (pkcs12?: { directory: string; password: string }) => ({
  db: app.database.db,
  config: { ...app.config, seal: { tsaUrl: `${app.url}/simulators/tsa`, localCa: false, pkcs12 } },
});

describe('seals from PKCS#12 files (production)', () => {
  it('reads the key and its certificate, and refuses a wrong password or another curve', async () => {
    const bytes = makePkcs12('reader');
    const parsed = await parsePkcs12(new Uint8Array(bytes), 's3cret');
    expect(readFileSync(path.join(dir, 'reader.crt'), 'utf8')).toContain(
      Buffer.from(parsed.certificate).toString('base64').slice(0, 60),
    );
    await expect(parsePkcs12(new Uint8Array(bytes), 'wrong')).rejects.toThrow();
    await expect(parsePkcs12(new Uint8Array(makePkcs12('p384', 'secp384r1')), 's3cret')).rejects.toThrow(
      'P-256',
    );
  });

  it('does not fall back to the local CA outside the demo', async () => {
    await expect(sealPdf(production(), { authorityId, pdf: await aPdf() })).rejects.toThrow(
      'No seal for valais: put valais.p12 in SEAL_PKCS12_DIR',
    );
  });

  it('seals with the authority’s file, and a new file there rotates the seal', async () => {
    makePkcs12('valais');
    const context = production({ directory: dir, password: 's3cret' });
    const sealedBefore = await sealPdf(context, { authorityId, pdf: await aPdf() });
    expect(await validateSeal(app.database.db, sealedBefore)).toMatchObject({
      status: 'valid',
      signer: 'valais',
    });
    await expect(rotateSealKey(context, authorityId)).rejects.toThrow('put the new one in its place');

    const before = await currentSealKey(context, authorityId);
    makePkcs12('valais');
    utimesSync(path.join(dir, 'valais.p12'), new Date(), new Date(Date.now() + 5_000));
    const after = await currentSealKey(context, authorityId);
    expect(Buffer.from(after.kid).equals(Buffer.from(before.kid))).toBe(false);
    expect(await validateSeal(app.database.db, sealedBefore)).toMatchObject({ status: 'valid' });
    const sealedAfter = await sealPdf(context, { authorityId, pdf: await aPdf() });
    expect(await validateSeal(app.database.db, sealedAfter)).toMatchObject({ status: 'valid' });
  });
});
