import { generateKeyPairSync, sign as signWith } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { documentContentHash } from './content-hash.ts';
import { checkCwtTime, claimsToJson, fromCwt, type GuichetDocumentClaims } from './cwt.ts';
import { decodeQr } from './decode.ts';
import { encodeGuichetQr } from './encode.ts';
import { verifyWithKey } from './verify.ts';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
const kid = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const sign = async (data: Uint8Array) =>
  new Uint8Array(signWith('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }));

const fields = { name: 'Anne-Marie Bonvin-Zurbriggen', born: '1984-07-12', result: 'no entry' };
const claims: GuichetDocumentClaims = {
  iss: 'canton-du-valais',
  iat: new Date('2026-11-30T09:00:00Z'),
  exp: new Date('2027-02-28T09:00:00Z'),
  type: 'criminal-record-extract',
  serial: 'VS-2026-000123',
  fields,
  sha256: documentContentHash({ type: 'criminal-record-extract', serial: 'VS-2026-000123', fields }),
};

describe('the Guichet QR codec', () => {
  it('round-trips: GV1 prefix, ES256, key id, claims, signature', async () => {
    const text = await encodeGuichetQr({ claims, kid, sign });
    expect(text.startsWith('GV1:')).toBe(true);
    const decoded = decodeQr(text);
    if (!decoded.ok) throw new Error(decoded.message);
    expect([decoded.algName, [...decoded.kid]]).toEqual(['ES256', [...kid]]);
    expect(fromCwt(decoded.claims)).toEqual({ ...claims, iat: claims.iat, sha256: claims.sha256 });
    expect(verifyWithKey(decoded, publicKey)).toBe(true);
    expect(verifyWithKey(decoded, other)).toBe(false);
    expect(claimsToJson(decoded.claims)).toMatchObject({ iss: 'canton-du-valais', iat: 1796029200 });
  });

  // The signature (64 bytes), key id (8) and content hash (32) alone need version 10 at level Q;
  // a name and a date of birth bring it to 13 (ADR 0021). Version 13 is 69 modules across.
  it('fits a QR code of version 13 or lower at error correction Q with a name and a date of birth', async () => {
    const few = { n: 'Anne-Marie Bonvin', b: '1984-07-12' };
    const small = { ...claims, type: 'extract', iss: 'valais', fields: few };
    const text = await encodeGuichetQr({ claims: small, kid, sign });
    expect(QRCode.create(text, { errorCorrectionLevel: 'Q' }).version).toBeLessThanOrEqual(13);
  });

  it('names the layer where a changed character breaks the payload', async () => {
    const text = await encodeGuichetQr({ claims, kid, sign });
    expect(decodeQr(`HC2:${text.slice(4)}`)).toMatchObject({ ok: false, layer: 'prefix' });
    expect(decodeQr(`${text}a`)).toMatchObject({ ok: false, layer: 'base45' });
    const middle = Math.floor(text.length / 2);
    const changed = text.slice(0, middle) + (text[middle] === 'A' ? 'B' : 'A') + text.slice(middle + 1);
    const decoded = decodeQr(changed);
    // zlib's checksum catches nearly every change; one that slips through fails the signature
    if (decoded.ok) expect(verifyWithKey(decoded, publicKey)).toBe(false);
    else expect(['zlib', 'cose', 'cwt']).toContain(decoded.layer);
  });

  it('checks the time window of the CWT', async () => {
    const decoded = decodeQr(await encodeGuichetQr({ claims, kid, sign }));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(checkCwtTime(decoded.claims, new Date('2026-11-30T08:59:59Z'))).toBe('not-yet-valid');
    expect(checkCwtTime(decoded.claims, new Date('2026-12-24T00:00:00Z'))).toBe('valid');
    expect(checkCwtTime(decoded.claims, new Date('2027-02-28T09:00:00Z'))).toBe('expired');
  });

  it('hashes the canonical content whatever the order of the fields', () => {
    const reordered = { result: fields.result, born: fields.born, name: fields.name };
    const hash = (f: Record<string, string>) =>
      Buffer.from(documentContentHash({ type: 'x', serial: '1', fields: f })).toString('hex');
    expect(hash(reordered)).toBe(hash(fields));
    expect(hash({ ...fields, result: 'entries' })).not.toBe(hash(fields));
  });

  it('refuses a signature that is not raw r‖s', async () => {
    const der = async (data: Uint8Array) => new Uint8Array(signWith('sha256', data, privateKey));
    await expect(encodeGuichetQr({ claims, kid, sign: der })).rejects.toThrow(/r‖s/);
  });
});
