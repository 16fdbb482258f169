import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { currentSealKey, documentContentHash, encodeGuichetQr } from '../signing/index.ts';
import { runQrInspect } from './inspect-qr.ts';

/**
 * `guichet qr inspect` on the EU vectors (in-process: each start of the binary costs seconds) and, as
 * an operator runs it, the real binary on Guichet's own code with and without a reachable trust list.
 */
const bin = path.resolve(import.meta.dirname, '../../../bin/guichet.js');
const vectors = '/work/shared/testdata/dgc-common';
const folder = mkdtempSync(path.join(os.tmpdir(), 'guichet-qr-inspect-'));
let testApp: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await testApp?.close();
});

async function inspect(args: string[]) {
  let out = '';
  const status = await runQrInspect(
    args,
    async () => undefined,
    (line) => {
      out += line;
    },
  );
  return { status, json: JSON.parse(out) as Record<string, unknown> };
}

function inspectBinary(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const run = spawnSync(process.execPath, [bin, 'qr', 'inspect', ...args], {
    env: { ...rest, ...env },
    encoding: 'utf8',
  });
  return {
    status: run.status,
    json: JSON.parse(run.stdout || '{}') as Record<string, unknown>,
    stderr: run.stderr,
  };
}

const vector = (name: string) =>
  JSON.parse(readFileSync(path.join(vectors, `${name}.json`), 'utf8')) as {
    PREFIX: string;
    '2DCODE'?: string;
    TESTCTX: { CERTIFICATE: string; VALIDATIONCLOCK: string };
  };

describe('guichet qr inspect', () => {
  it('decodes an EU vector (PS256), verifies it with its certificate and names the standard claims', async () => {
    const v = vector('CO1');
    const { status, json } = await inspect([
      '--certificate',
      v.TESTCTX.CERTIFICATE,
      '--at',
      v.TESTCTX.VALIDATIONCLOCK,
      v.PREFIX,
    ]);
    expect(status).toBe(0);
    expect(json).toMatchObject({ prefix: 'HC1:', alg: 'PS256', signature: 'valid', time: 'valid' });
    expect(json.claims).toMatchObject({ iss: 'AT', iat: 1620064800, exp: 1620237600 });
    expect(typeof json.kid).toBe('string');
  });

  it('reports an invalid signature, an expiry at the clock, and unchecked without a certificate', async () => {
    const co5 = vector('CO5');
    expect((await inspect(['--certificate', co5.TESTCTX.CERTIFICATE, co5.PREFIX])).json.signature).toBe(
      'invalid',
    );
    const co17 = vector('CO17');
    expect((await inspect(['--at', co17.TESTCTX.VALIDATIONCLOCK, co17.PREFIX])).json).toMatchObject({
      signature: 'unchecked',
      time: 'expired',
    });
  });

  it('exits with 2 and the failed layer when the payload does not decode', async () => {
    for (const [name, layer] of [
      ['H1', 'prefix'],
      ['B1', 'base45'],
      ['Z2', 'zlib'],
      ['CBO1', 'cwt'],
    ] as const) {
      const { status, json } = await inspect([vector(name).PREFIX]);
      expect([name, status, json.layer]).toEqual([name, 2, layer]);
    }
  });

  it('reads the code from an image', async () => {
    const v = vector('CO28');
    const file = path.join(folder, 'co28.png');
    writeFileSync(file, Buffer.from(v['2DCODE'] ?? '', 'base64'));
    const { status, json } = await inspect([
      '--certificate',
      v.TESTCTX.CERTIFICATE,
      '--at',
      v.TESTCTX.VALIDATIONCLOCK,
      '--image',
      file,
    ]);
    expect([status, json.signature, json.time]).toEqual([0, 'valid', 'valid']);
  });

  it('finds a Guichet key in the trust list of the database when one is reachable (the real binary)', {
    timeout: 90_000,
  }, async () => {
    const spf = (await getAuthorityBySlug(testApp.database.db, 'spf'))?.id ?? '';
    const key = await currentSealKey(testApp.platform, spf);
    const fields = { n: 'Léa Favre' };
    const text = await encodeGuichetQr({
      claims: {
        iss: 'spf',
        iat: new Date(),
        type: 'extract',
        serial: 'CLI-1',
        fields,
        sha256: documentContentHash({ type: 'extract', serial: 'CLI-1', fields }),
      },
      kid: key.kid,
      sign: key.sign,
    });
    const file = path.join(folder, 'guichet.png');
    writeFileSync(file, await QRCode.toBuffer(text, { errorCorrectionLevel: 'Q' }));
    const withList = inspectBinary(['--image', file], { DATABASE_URL: testApp.database.url });
    expect(withList.status).toBe(0);
    expect(withList.json).toMatchObject({
      prefix: 'GV1:',
      alg: 'ES256',
      signature: 'valid',
      claims: { iss: 'spf', '-65537': { n: 'CLI-1', f: { n: 'Léa Favre' } } },
    });
    const broken = inspectBinary([`${text.slice(0, 20)}~`]);
    expect([broken.status, broken.json.layer]).toEqual([2, 'base45']);
    expect((await inspect([text])).json.signature).toBe('unchecked');
  });
});
