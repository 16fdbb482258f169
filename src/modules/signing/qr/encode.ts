import { deflateSync } from 'node:zlib';
import { encode } from 'cbor2';
import { encodeBase45 } from './base45.ts';
import { buildCoseSign1, coseAlgorithms, protectedHeaderBytes, signatureInput } from './cose.ts';
import { type GuichetDocumentClaims, toCwt } from './cwt.ts';

/** Guichet's context prefix, as `HC1:` is the EU DCC's: version 1 of Guichet's verification payload. */
export const guichetPrefix = 'GV1:';

/**
 * The text of a document's QR code: `GV1:` + Base45(zlib(COSE_Sign1(ES256, protected {alg, kid},
 * payload = CWT))). `sign` returns the raw ES256 signature (r‖s) of what it is given, e.g. the
 * authority's `currentSealKey(...).sign`; `kid` is the first 8 bytes of the SHA-256 of its certificate.
 *
 * @example
 * const key = await currentSealKey(db, authorityId);
 * const text = await encodeGuichetQr({ claims, kid: key.kid, sign: key.sign });
 */
export async function encodeGuichetQr(input: {
  claims: GuichetDocumentClaims;
  kid: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
}): Promise<string> {
  const protectedBytes = protectedHeaderBytes(coseAlgorithms.ES256, input.kid);
  const payload = encode(toCwt(input.claims));
  const signature = await input.sign(signatureInput(protectedBytes, payload));
  if (signature.length !== 64) throw new Error('ES256 signature must be raw r‖s (64 bytes)');
  const cose = buildCoseSign1({ protectedBytes, payload, signature });
  return guichetPrefix + encodeBase45(deflateSync(cose, { level: 9 }));
}
