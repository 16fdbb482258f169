import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import {
  currentSealKey,
  generateP256,
  issueCertificate,
  padesBaselineT,
  rotateSealKey,
  type SealKey,
  sealPdf,
  signPdf,
  timestampClient,
  validateSeal,
  verificationKeys,
} from './index.ts';

let app: Awaited<ReturnType<typeof serveTestApp>>;
let authorityId: string;
const dir = mkdtempSync(path.join(tmpdir(), 'seal-'));
const context = () => ({ db: app.database.db, config: app.config });

async function aPdf(text = 'Extrait du registre des poursuites'): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage();
  page.drawText(text, { x: 50, y: 700, font: await document.embedFont(StandardFonts.Helvetica), size: 14 });
  return document.save();
}

function fileOf(bytes: Uint8Array, extension: string): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.${extension}`);
  writeFileSync(file, bytes);
  return file;
}

function pdfsig(pdf: Uint8Array): string {
  // -nocert: the demo CA is not in the system's trust store; the signature itself is what is checked.
  const run = spawnSync('pdfsig', ['-nocert', fileOf(pdf, 'pdf')], { encoding: 'utf8' });
  return run.stdout + run.stderr;
}

/** The CMS in the PDF's /Contents, as the byte range leaves it out. */
function cmsOf(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const [, start = 0, length = 0, next = 0] =
    /\/ByteRange\s*\[(\d+) (\d+) (\d+) (\d+)/.exec(text)?.map(Number) ?? [];
  expect(start).toBe(0);
  return new Uint8Array(Buffer.from(text.slice(length + 1, next - 1).replace(/(00)+$/, ''), 'hex'));
}

beforeAll(async () => {
  app = await serveTestApp();
  authorityId = (await getAuthorityBySlug(app.database.db, 'valais'))?.id ?? '';
});
afterAll(() => app?.close());

describe('the seal (PAdES baseline B-T)', () => {
  let sealed: Uint8Array;
  beforeAll(async () => {
    // The first seal makes the key and warms the code up; the next one is timed.
    await sealPdf(context(), { authorityId, pdf: await aPdf() });
    const pdf = await aPdf();
    const started = performance.now();
    sealed = await sealPdf(context(), { authorityId, pdf });
    // Well under a second even on a busy two-core machine (bench/ measures it properly).
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('is valid for pdfsig and covers the whole document', async () => {
    const report = pdfsig(sealed);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    expect(report).toContain('ETSI.CAdES.detached');
    const verdict = await validateSeal(app.database.db, sealed);
    expect(verdict).toMatchObject({ status: 'valid', authorityId, coversWholeDocument: true });
    expect(verdict.signer).toContain('(seal)');
    expect(verdict.timestampedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('carries signing-certificate-v2 and the timestamp token, and no signing-time (openssl cms)', () => {
    const printed = execFileSync(
      'openssl',
      ['cms', '-inform', 'DER', '-cmsout', '-print', '-in', fileOf(cmsOf(sealed), 'p7s')],
      {
        encoding: 'utf8',
      },
    );
    expect(printed).toMatch(/signingCertificateV2/);
    expect(printed).toMatch(/timeStampToken/);
    expect(printed).toMatch(/messageDigest/);
    expect(printed).not.toMatch(/signingTime/);
    expect(printed).toContain('eContent: <ABSENT>'); // detached
  });

  it('verifies with OpenSSL over the bytes of its byte range', () => {
    const text = Buffer.from(sealed).toString('latin1');
    const [, , length = 0, next = 0] =
      /\/ByteRange\s*\[(\d+) (\d+) (\d+) (\d+)/.exec(text)?.map(Number) ?? [];
    const covered = Buffer.concat([
      Buffer.from(sealed).subarray(0, length),
      Buffer.from(sealed).subarray(next),
    ]);
    const verify = (content: Uint8Array) =>
      spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          fileOf(cmsOf(sealed), 'p7s'),
          '-content',
          fileOf(content, 'bin'),
          '-noverify',
          '-out',
          '/dev/null',
        ],
        { encoding: 'utf8' },
      ).stderr;
    expect(verify(covered)).toContain('Verification successful');
    expect(verify(Buffer.concat([covered, Buffer.of(0x0a)]))).toContain('Verification failure');
  });

  it('shows one changed byte: pdfsig reports a digest mismatch, validateSeal "altered"', async () => {
    const altered = Buffer.from(sealed);
    const at = altered.indexOf('Extrait');
    // The text is in a compressed stream: change a byte of the page's content stream instead.
    const target = at === -1 ? Buffer.from(sealed).indexOf('/MediaBox') + 12 : at;
    altered[target] = (altered[target] ?? 0) ^ 0x01;
    expect(pdfsig(altered)).toContain('Digest Mismatch');
    expect(await validateSeal(app.database.db, altered)).toMatchObject({ status: 'altered' });
  });

  it('says when a PDF has no seal, and when bytes were appended after it', async () => {
    expect(await validateSeal(app.database.db, await aPdf())).toEqual({
      status: 'no-seal',
      coversWholeDocument: false,
    });
    const appended = Buffer.concat([Buffer.from(sealed), Buffer.from('\n% appended\n')]);
    expect(await validateSeal(app.database.db, appended)).toMatchObject({
      status: 'altered',
      coversWholeDocument: false,
    });
  });

  it('refuses a seal whose timestamp dates another signature', async () => {
    const key = await currentSealKey(context(), authorityId);
    const tsa = timestampClient(`${app.url}/simulators/tsa`);
    const misdated = await signPdf(
      await aPdf(),
      padesBaselineT(key, (digest) => tsa(digest.map((b) => b ^ 0xff))),
      { name: 'Valais', reason: 'test' },
    );
    expect(pdfsig(misdated)).toContain('Signature is Valid');
    expect(await validateSeal(app.database.db, misdated)).toMatchObject({ status: 'invalid', authorityId });
  });

  it('names an unknown signer: a valid seal from a key that is not one of our authorities’', async () => {
    const keys = await generateP256();
    const now = new Date();
    const certificate = await issueCertificate({
      subject: [['CN', 'Somebody else']],
      publicKey: keys.publicKey,
      signingKey: keys.privateKey,
      role: 'seal',
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 3600_000),
    });
    const foreign: SealKey = {
      kid: new Uint8Array(8),
      certificate,
      sign: async (data) =>
        new Uint8Array(
          await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, data.slice()),
        ),
    };
    const forged = await signPdf(
      await aPdf(),
      padesBaselineT(foreign, timestampClient(`${app.url}/simulators/tsa`)),
      {
        name: 'Somebody else',
        reason: 'test',
      },
    );
    expect(pdfsig(forged)).toContain('Signature is Valid');
    expect(await validateSeal(app.database.db, forged)).toMatchObject({
      status: 'unknown-signer',
      signer: expect.stringContaining('Somebody else'),
    });
  });
});

describe('rotating a seal key', () => {
  it('keeps earlier seals valid and seals anew with the new key', async () => {
    const sion = (await getAuthorityBySlug(app.database.db, 'sion'))?.id ?? '';
    const before = await currentSealKey(context(), sion);
    const sealedBefore = await sealPdf(context(), { authorityId: sion, pdf: await aPdf('avant') });
    await rotateSealKey(context(), sion);
    const after = await currentSealKey(context(), sion);
    expect(Buffer.from(after.kid).equals(Buffer.from(before.kid))).toBe(false);
    expect(await validateSeal(app.database.db, sealedBefore)).toMatchObject({
      status: 'valid',
      authorityId: sion,
    });
    const sealedAfter = await sealPdf(context(), { authorityId: sion, pdf: await aPdf('après') });
    expect(await validateSeal(app.database.db, sealedAfter)).toMatchObject({
      status: 'valid',
      authorityId: sion,
    });
    expect(Buffer.from(cmsOf(sealedAfter)).includes(Buffer.from(after.certificate))).toBe(true);
    expect(Buffer.from(cmsOf(sealedAfter)).includes(Buffer.from(before.certificate))).toBe(false);

    const keys = (await verificationKeys(app.database.db)).filter((k) => k.authorityId === sion);
    expect(keys.map((k) => k.kid)).toEqual([
      Buffer.from(before.kid).toString('base64'),
      Buffer.from(after.kid).toString('base64'),
    ]);
    expect(keys[0]?.retiredAt).toBeInstanceOf(Date);
    expect(keys[1]?.retiredAt).toBeNull();
  });

  it('refuses what a retired key sealed after its rotation (a key rotated away after a leak)', async () => {
    const sierre = (await getAuthorityBySlug(app.database.db, 'sierre'))?.id ?? '';
    const leaked = await currentSealKey(context(), sierre);
    await rotateSealKey(context(), sierre);
    const tsa = timestampClient(`${app.url}/simulators/tsa`);
    const lateSeal = async (text: string) =>
      signPdf(await aPdf(text), padesBaselineT(leaked, tsa), { name: 'Sierre', reason: 'test' });
    expect(await validateSeal(app.database.db, await lateSeal('aussitôt'))).toMatchObject({
      status: 'valid',
    });
    // An hour after the rotation, past the grace for seals under way.
    await app.database.pool.query(
      "update seal_keys set retired_at = now() - interval '1 hour' where authority_id = $1 and retired_at is not null",
      [sierre],
    );
    expect(await validateSeal(app.database.db, await lateSeal('plus tard'))).toMatchObject({
      status: 'invalid',
      authorityId: sierre,
    });
  });

  it('is audited', async () => {
    const sion = (await getAuthorityBySlug(app.database.db, 'sion'))?.id ?? '';
    const { rows } = await app.database.pool.query(
      "select action from audit_events where subject_type = 'seal_key' and authority_id = $1 order by id",
      [sion],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['seal.create', 'seal.rotate']);
  });

  it('gives the kid as the first 8 bytes of SHA-256 of the certificate', async () => {
    const key = await currentSealKey(context(), authorityId);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', key.certificate.slice()));
    expect(Buffer.from(key.kid).equals(Buffer.from(digest.subarray(0, 8)))).toBe(true);
    const signature = await key.sign(new TextEncoder().encode('payload'));
    expect(signature.length).toBe(64);
  });
});

describe('the timestamp authority (simulator)', () => {
  it('answers a query made by openssl with a reply openssl reads and verifies', async () => {
    const data = fileOf(new TextEncoder().encode('what is dated'), 'txt');
    const query = path.join(dir, 'q.tsq');
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]);
    const response = await fetch(`${app.url}/simulators/tsa`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: execFileSync('cat', [query]),
    });
    expect(response.headers.get('Content-Type')).toBe('application/timestamp-reply');
    const reply = fileOf(new Uint8Array(await response.arrayBuffer()), 'tsr');
    const text = execFileSync('openssl', ['ts', '-reply', '-in', reply, '-text'], { encoding: 'utf8' });
    expect(text).toContain('Status: Granted.');
    expect(text).toMatch(/Nonce: 0x[0-9A-F]+/);
    expect(text).toContain('Hash Algorithm: sha256');
    // The token's own certificate, extracted, is the trust anchor of this check.
    const token = path.join(dir, 'token.der');
    execFileSync('openssl', ['ts', '-reply', '-in', reply, '-token_out', '-out', token]);
    const pem = path.join(dir, 'tsa.pem');
    execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', token, '-print_certs', '-out', pem]);
    const verified = spawnSync('openssl', ['ts', '-verify', '-data', data, '-in', reply, '-CAfile', pem], {
      encoding: 'utf8',
    });
    expect(verified.stdout + verified.stderr).toContain('Verification: OK');
  });

  it('dates a batch of documents past the default write limit of one address', async () => {
    const tsa = timestampClient(`${app.url}/simulators/tsa`);
    for (let n = 0; n < 65; n++) await tsa(new Uint8Array(32).fill(n));
  });
});
