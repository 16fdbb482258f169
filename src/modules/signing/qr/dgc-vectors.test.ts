import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBase45 } from './base45.ts';
import { checkCwtTime } from './cwt.ts';
import { decodeQr } from './decode.ts';
import { NoQrCode, readQrImage } from './read-qr-image.ts';
import { verifyCose } from './verify.ts';

/**
 * The EU DCC common test vectors (Apache 2.0, see the folder's NOTICE), each against its expected
 * results. What the vectors check of the DCC's own content (its JSON schema, the key usage OIDs of a
 * certificate for tests, vaccinations, recoveries) is not the codec's business and is left out.
 */
const folder = '/work/shared/testdata/dgc-common';

interface Vector {
  PREFIX?: string;
  BASE45?: string;
  COMPRESSED?: string;
  COSE?: string;
  '2DCODE'?: string;
  TESTCTX: { CERTIFICATE?: string; VALIDATIONCLOCK?: string; DESCRIPTION: string };
  EXPECTEDRESULTS: Partial<Record<string, boolean>>;
}

const vectors = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    name: file.slice(0, -5),
    ...(JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Vector),
  }));

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

describe('EU DCC test vectors', () => {
  it('are all there', () => expect(vectors.length).toBe(38));

  for (const v of vectors) {
    const expected = v.EXPECTEDRESULTS;
    const decoded = v.PREFIX === undefined ? undefined : decodeQr(v.PREFIX);
    describe(`${v.name}: ${v.TESTCTX.DESCRIPTION}`, () => {
      if (expected.EXPECTEDKEYUSAGE !== undefined || expected.EXPECTEDSCHEMAVALIDATION !== undefined)
        it('decodes and verifies (its key usage or schema expectation concerns DCC content only)', () => {
          const certificate = new Uint8Array(Buffer.from(v.TESTCTX.CERTIFICATE ?? '', 'base64'));
          expect(decoded?.ok && verifyCose(decoded, certificate)).toBe(true);
        });

      if (expected.EXPECTEDUNPREFIX !== undefined && decoded)
        it(`prefix ${expected.EXPECTEDUNPREFIX ? 'accepted' : 'refused'}`, () => {
          if (expected.EXPECTEDUNPREFIX) expect(decoded.ok || decoded.layer !== 'prefix').toBe(true);
          else expect(decoded).toMatchObject({ ok: false, layer: 'prefix' });
        });

      if (expected.EXPECTEDB45DECODE !== undefined)
        it(`Base45 ${expected.EXPECTEDB45DECODE ? 'decodes' : 'fails'}`, () => {
          if (expected.EXPECTEDB45DECODE) {
            expect(Buffer.from(decodeBase45(v.BASE45 ?? '')).toString('hex')).toBe(v.COMPRESSED);
          } else {
            expect(decoded).toMatchObject({ ok: false, layer: 'base45' });
          }
        });

      if (expected.EXPECTEDCOMPRESSION !== undefined)
        it(`zlib ${expected.EXPECTEDCOMPRESSION ? 'inflates' : 'fails'}`, () => {
          if (expected.EXPECTEDCOMPRESSION) {
            expect(Buffer.from(inflateSync(hex(v.COMPRESSED ?? ''))).toString('hex')).toBe(v.COSE);
          } else {
            expect(decoded).toMatchObject({ ok: false, layer: 'zlib' });
          }
        });

      if (expected.EXPECTEDDECODE !== undefined)
        it(`CBOR ${expected.EXPECTEDDECODE ? 'decodes' : 'fails'}`, () => {
          expect(decoded?.ok).toBe(expected.EXPECTEDDECODE);
          if (decoded && !decoded.ok) expect(['cose', 'cwt']).toContain(decoded.layer);
        });

      if (expected.EXPECTEDVERIFY !== undefined)
        it(`signature ${expected.EXPECTEDVERIFY ? 'verifies' : 'is refused'}`, () => {
          const certificate = new Uint8Array(Buffer.from(v.TESTCTX.CERTIFICATE ?? '', 'base64'));
          // CBO2's COSE is not even CBOR: refused before any signature is checked
          expect(decoded?.ok === true && verifyCose(decoded, certificate)).toBe(expected.EXPECTEDVERIFY);
          if (expected.EXPECTEDVERIFY) expect(decoded?.ok && decoded.algName).toMatch(/^(ES256|PS256)$/);
        });

      if (expected.EXPECTEDEXPIRATIONCHECK !== undefined)
        it(`time ${expected.EXPECTEDEXPIRATIONCHECK ? 'valid' : 'refused'} at the validation clock`, () => {
          if (!decoded?.ok) throw new Error('vector does not decode');
          const time = checkCwtTime(decoded.claims, new Date(v.TESTCTX.VALIDATIONCLOCK ?? ''));
          if (expected.EXPECTEDEXPIRATIONCHECK) expect(time).toBe('valid');
          else expect(time).not.toBe('valid');
        });

      if (expected.EXPECTEDPICTUREDECODE !== undefined && v['2DCODE'])
        it(`picture ${expected.EXPECTEDPICTUREDECODE ? 'reads' : 'is unreadable'}`, async () => {
          const text = readQrImage(new Uint8Array(Buffer.from(v['2DCODE'] ?? '', 'base64')));
          if (expected.EXPECTEDPICTUREDECODE) await expect(text).resolves.toBe(v.PREFIX);
          else await expect(text).rejects.toThrow(NoQrCode);
        });
    });
  }

  it('tells the expiry from the not-yet-valid (CO16 issued after the clock, CO17 expired before it)', () => {
    const at = (name: string) => {
      const v = vectors.find((vector) => vector.name === name);
      const decoded = decodeQr(v?.PREFIX ?? '');
      if (!decoded.ok) throw new Error(`${name} does not decode`);
      return checkCwtTime(decoded.claims, new Date(v?.TESTCTX.VALIDATIONCLOCK ?? ''));
    };
    expect([at('CO16'), at('CO17')]).toEqual(['not-yet-valid', 'expired']);
  });

  it('refuses a valid signature under another certificate (wrong key id)', () => {
    const [co1, co3] = ['CO1', 'CO3'].map((name) => vectors.find((vector) => vector.name === name));
    const decoded = decodeQr(co3?.PREFIX ?? '');
    if (!decoded.ok) throw new Error('CO3 does not decode');
    expect(verifyCose(decoded, new Uint8Array(Buffer.from(co3?.TESTCTX.CERTIFICATE ?? '', 'base64')))).toBe(
      true,
    );
    expect(verifyCose(decoded, new Uint8Array(Buffer.from(co1?.TESTCTX.CERTIFICATE ?? '', 'base64')))).toBe(
      false,
    );
  });
});
