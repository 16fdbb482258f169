import { inflateSync } from 'node:zlib';
import { decode } from 'cbor2';
import { decodeBase45 } from './base45.ts';
import { algorithmName, type CoseSign1, coseAlgorithm, coseKid, parseCoseSign1 } from './cose.ts';
import { type CwtClaims, fromCwt, guichetClaimKey } from './cwt.ts';
import { guichetPrefix } from './encode.ts';

/** Guichet's own prefix and the EU Digital COVID Certificate's, which the codec reads for interoperability. */
export const knownPrefixes = [guichetPrefix, 'HC1:'] as const;

/** The EU DCC's `hcert` claim, whose key 1 holds the certificate. */
const dccHcertClaim = -260;

export type QrLayer = 'prefix' | 'base45' | 'zlib' | 'cose' | 'cwt';

/** A decoded payload: the COSE_Sign1's parts as sent (what `verifyCose` checks), and the CWT read. */
export interface DecodedQr extends CoseSign1 {
  ok: true;
  prefix: (typeof knownPrefixes)[number];
  /** COSE algorithm id and name (`ES256`, `PS256`), when a header names one. */
  alg: number | undefined;
  algName: string | undefined;
  /** Empty when neither header carries one (then no certificate matches). */
  kid: Uint8Array;
  claims: CwtClaims;
}

export interface QrDecodeFailure {
  ok: false;
  /** The first layer that could not be read. */
  layer: QrLayer;
  message: string;
}

/** Reads a QR payload down through its layers, stopping at the first that fails (and saying which). */
export function decodeQr(text: string): DecodedQr | QrDecodeFailure {
  const prefix = knownPrefixes.find((p) => text.startsWith(p));
  if (!prefix) return failure('prefix', `Unknown context prefix: ${JSON.stringify(text.slice(0, 4))}`);
  let compressed: Uint8Array;
  let coseBytes: Uint8Array;
  let cose: CoseSign1;
  let claims: unknown;
  try {
    compressed = decodeBase45(text.slice(prefix.length));
  } catch (error) {
    return failure('base45', error);
  }
  try {
    coseBytes = inflateSync(compressed);
  } catch (error) {
    return failure('zlib', error);
  }
  try {
    cose = parseCoseSign1(coseBytes);
  } catch (error) {
    return failure('cose', error);
  }
  try {
    claims = decode(cose.payload, { preferMap: true, rejectDuplicateKeys: true });
  } catch (error) {
    return failure('cwt', error);
  }
  if (!(claims instanceof Map)) return failure('cwt', 'The CWT is not a map of claims');
  const wrongShape = contentProblem(prefix, claims as CwtClaims);
  if (wrongShape) return failure('cwt', wrongShape);
  const alg = coseAlgorithm(cose);
  return {
    ok: true,
    prefix,
    ...cose,
    alg,
    algName: algorithmName(alg),
    kid: coseKid(cose) ?? new Uint8Array(0),
    claims: claims as CwtClaims,
  };
}

/** The claim each prefix promises: Guichet's document claim, or the DCC's `hcert` (-260) map. */
function contentProblem(prefix: DecodedQr['prefix'], claims: CwtClaims): string | undefined {
  if (prefix === guichetPrefix)
    return fromCwt(claims) ? undefined : `Claim ${guichetClaimKey} is not a Guichet document`;
  const hcert = claims.get(dccHcertClaim);
  return hcert instanceof Map && hcert.get(1) instanceof Map
    ? undefined
    : 'Claim -260 holds no certificate map';
}

function failure(layer: QrLayer, error: unknown): QrDecodeFailure {
  return { ok: false, layer, message: error instanceof Error ? error.message : String(error) };
}
