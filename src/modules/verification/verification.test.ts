import { generateKeyPairSync, randomUUID, sign as signWith } from 'node:crypto';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { issueSealedExtract } from '../../../tests/support/issued-documents.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { currentSealKey, documentContentHash, encodeGuichetQr, rotateSealKey } from '../signing/index.ts';
import { revokeIssuedDocument } from '../signing/issuing/register.ts';
import { serialHash } from './published-lists.ts';
import type { VerificationResult } from './verdict.ts';

/** Over HTTP, on the real wiring: the seal keys, the register and the seal validation of the signing module. */
let testApp: Awaited<ReturnType<typeof serveTestApp>>;
let actor: Actor | null = null;
let spf = '';
const now = Date.now();

beforeAll(async () => {
  // Served on a socket: sealing asks the timestamp authority simulator over HTTP.
  testApp = await serveTestApp({ actor: () => actor, logger: createLogger('error') });
  spf = (await getAuthorityBySlug(testApp.database.db, 'spf'))?.id ?? '';
});
afterAll(() => testApp?.close());

async function payload(
  overrides: { iat?: Date; exp?: Date; serial?: string; iss?: string } = {},
  signer?: { kid: Uint8Array; sign(data: Uint8Array): Promise<Uint8Array> },
) {
  const key = signer ?? (await currentSealKey(testApp.platform, spf));
  const fields = { n: 'Léa Favre', b: '1988-03-14' };
  const serial = overrides.serial ?? `T-${Math.random().toString(36).slice(2, 10)}`;
  return encodeGuichetQr({
    claims: {
      iss: overrides.iss ?? 'spf',
      iat: overrides.iat ?? new Date(now - 60_000),
      exp: overrides.exp ?? new Date(now + 30 * 86_400_000),
      type: 'extract',
      serial,
      fields,
      sha256: documentContentHash({ type: 'extract', serial, fields }),
    },
    kid: key.kid,
    sign: key.sign,
  });
}

async function check(text: string): Promise<VerificationResult> {
  const response = await testApp.app.request(`/api/v1/verifications?payload=${encodeURIComponent(text)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as VerificationResult;
}

describe('verification of a QR code over HTTP', () => {
  it('finds a genuine payload valid and shows what was signed', async () => {
    const result = await check(await payload());
    expect(result).toMatchObject({
      verdict: 'valid',
      issuer: { slug: 'spf' },
      document: { type: 'extract', fields: { n: 'Léa Favre', b: '1988-03-14' } },
    });
  });

  it('finds one changed character of the payload invalid', async () => {
    const text = await payload();
    const at = text.length - 20;
    const changed = text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1);
    expect((await check(changed)).verdict).toBe('invalid');
  });

  it('finds a key no authority owns unknown', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stranger = {
      kid: new Uint8Array(8).fill(7),
      sign: async (data: Uint8Array) =>
        new Uint8Array(signWith('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
    };
    expect((await check(await payload({}, stranger))).verdict).toBe('unknown-key');
  });

  it('finds a payload claiming another issuer than its key’s invalid', async () => {
    expect((await check(await payload({ iss: 'sion' }))).verdict).toBe('invalid');
  });

  it('tells expired from not yet valid', async () => {
    const expired = await payload({ iat: new Date(now - 60_000), exp: new Date(now - 1000) });
    const future = await payload({ iat: new Date(now + 3_600_000) });
    expect([(await check(expired)).verdict, (await check(future)).verdict]).toEqual([
      'expired',
      'not-yet-valid',
    ]);
  });

  it('finds a revoked document revoked, and lists the hash of its serial', async () => {
    const citizen = await createCitizen(testApp.database.db, { givenNames: 'Léa', familyName: 'Favre' });
    const { serial } = await issueSealedExtract(testApp, {
      authorityId: spf,
      accountId: citizen.account.id,
      key: 'verification-revoked',
    });
    expect((await check(await payload({ serial }))).verdict).toBe('valid');
    await revokeIssuedDocument(testApp.database.db, {
      authorityId: spf,
      serial,
      reason: 'Délivré par erreur',
      actor: 'test',
    });
    expect((await check(await payload({ serial }))).verdict).toBe('revoked');
    const jws = await (await testApp.app.request('/verification/revocations.jws')).text();
    const list = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString()) as {
      revoked: { serial: string }[];
    };
    expect(list.revoked.map((r) => r.serial)).toContain(serialHash(serial));
  });

  it('reads a photo of the code sent by the form without JavaScript', async () => {
    const client = httpClient(testApp.app);
    const png = await QRCode.toBuffer(await payload(), { errorCorrectionLevel: 'Q', margin: 4, scale: 6 });
    const response = await client.submit('/verify', {
      file: new File([new Uint8Array(png)], 'qr.png', { type: 'image/png' }),
    });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain('Léa Favre');
  });
});

describe('verification of a PDF', () => {
  it('checks the seal and the register through the API of business applications', async () => {
    const citizen = await createCitizen(testApp.database.db, { givenNames: 'Marc', familyName: 'Roux' });
    const { bytes, serial } = await issueSealedExtract(testApp, {
      authorityId: spf,
      accountId: citizen.account.id,
      key: 'verification-pdf',
    });
    actor = {
      kind: 'apiClient',
      id: 'verification-test',
      authorityId: spf,
      scopes: ['verifications:read'],
    };
    try {
      const post = (body: Uint8Array) =>
        testApp.app.request('/api/v1/verifications', {
          method: 'POST',
          headers: { 'Content-Type': 'application/pdf', 'Idempotency-Key': randomUUID() },
          body: new Blob([new Uint8Array(body)]),
        });
      const genuine = (await (await post(bytes)).json()) as VerificationResult;
      expect(genuine).toMatchObject({
        verdict: 'valid',
        source: 'pdf',
        document: { serial },
        seal: { registered: true, coversWholeDocument: true },
      });
      const altered = Buffer.from(bytes);
      const at = altered.indexOf('Aucune');
      altered[at > 0 ? at : 200] = (altered[at > 0 ? at : 200] ?? 0) ^ 1;
      expect(((await (await post(altered)).json()) as VerificationResult).verdict).toBe('invalid');
    } finally {
      actor = null;
    }
  });

  it('is not open to anonymous callers (PDF checks are metered by API key)', async () => {
    const response = await testApp.app.request('/api/v1/verifications', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ payload: 'GV1:' }),
    });
    expect(response.status).toBe(401);
  });
});

describe('the published lists', () => {
  it('are signed by the canton’s seal, carry every authority’s keys as JWK, and can be cached', async () => {
    const spfKey = await currentSealKey(testApp.platform, spf);
    const response = await testApp.app.request('/verification/trust-list.jws');
    expect(response.headers.get('Cache-Control')).toMatch(/public, max-age=\d+/);
    const jws = await response.text();
    const [header, body, signature] = jws.split('.').map((part) => Buffer.from(part, 'base64url'));
    const { x5c, alg } = JSON.parse(header?.toString() ?? '{}') as { x5c: string[]; alg: string };
    const { X509Certificate, verify } = await import('node:crypto');
    const key = new X509Certificate(Buffer.from(x5c[0] ?? '', 'base64')).publicKey;
    const input = jws.slice(0, jws.lastIndexOf('.'));
    expect(alg).toBe('ES256');
    expect(
      verify('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }, signature ?? Buffer.alloc(0)),
    ).toBe(true);
    const list = JSON.parse(body?.toString() ?? '{}') as {
      keys: { authority: string; kid: string; jwk: JsonWebKey }[];
    };
    expect(list.keys).toContainEqual(
      expect.objectContaining({
        authority: 'spf',
        kid: Buffer.from(spfKey.kid).toString('base64'),
        jwk: expect.objectContaining({ kty: 'EC', crv: 'P-256' }),
      }),
    );
    const etag = response.headers.get('ETag') ?? '';
    const again = await testApp.app.request('/verification/trust-list.jws', {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });
});

describe('after the authority rotated its seal key', () => {
  it('still verifies what the old key signed in service, and refuses what it signed after', async () => {
    const old = await currentSealKey(testApp.platform, spf);
    const before = await payload({}, old);
    await rotateSealKey(testApp.platform, spf);
    expect((await check(before)).verdict).toBe('valid');
    expect((await check(await payload())).verdict).toBe('valid');
    const afterRetirement = await payload({ iat: new Date(Date.now() + 10 * 60_000) }, old);
    expect((await check(afterRetirement)).verdict).toBe('invalid');
  });
});
