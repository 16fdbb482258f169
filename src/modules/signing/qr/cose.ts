import { decode, encode, Tag } from 'cbor2';

/** COSE algorithm identifiers (RFC 9053, RFC 8230) the verifier accepts. */
export const coseAlgorithms = { ES256: -7, PS256: -37 } as const;
export type CoseAlgorithm = keyof typeof coseAlgorithms;

const coseSign1Tag = 18;
const cwtTag = 61;
const headerAlg = 1;
const headerKid = 4;

/** A parsed COSE_Sign1 (RFC 9052 §4.2), with the byte strings the signature covers kept as sent. */
export interface CoseSign1 {
  protectedBytes: Uint8Array;
  protectedHeader: Map<unknown, unknown>;
  unprotectedHeader: Map<unknown, unknown>;
  payload: Uint8Array;
  signature: Uint8Array;
}

const decodeOptions = { preferMap: true, rejectDuplicateKeys: true } as const;

/**
 * A plain Uint8Array view: cbor2 encodes a Node `Buffer` as an object, not as a byte string, and
 * decodes byte strings to Buffers under Node, so every byte string is passed through this first.
 */
export function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function buildCoseSign1(parts: Omit<CoseSign1, 'protectedHeader' | 'unprotectedHeader'>): Uint8Array {
  return encode(
    new Tag(coseSign1Tag, [
      plain(parts.protectedBytes),
      new Map(),
      plain(parts.payload),
      plain(parts.signature),
    ]),
  );
}

export function protectedHeaderBytes(alg: number, kid: Uint8Array): Uint8Array {
  return encode(
    new Map<number, unknown>([
      [headerAlg, alg],
      [headerKid, plain(kid)],
    ]),
  );
}

/** The `Sig_structure` of a COSE_Sign1 without external data: what the signature is computed over. */
export function signatureInput(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encode(['Signature1', plain(protectedBytes), new Uint8Array(0), plain(payload)]);
}

/** Parses a COSE_Sign1, tagged (18, optionally inside the CWT tag 61) or untagged. Throws when malformed. */
export function parseCoseSign1(bytes: Uint8Array): CoseSign1 {
  let value: unknown = decode(bytes, decodeOptions);
  if (value instanceof Tag && Number(value.tag) === cwtTag) value = value.contents;
  if (value instanceof Tag) {
    if (Number(value.tag) !== coseSign1Tag) throw new Error(`Unexpected CBOR tag ${value.tag}`);
    value = value.contents;
  }
  if (!Array.isArray(value) || value.length !== 4) throw new Error('Not a COSE_Sign1 array of four');
  const [protectedBytes, unprotectedHeader, payload, signature] = value as unknown[];
  if (!(protectedBytes instanceof Uint8Array)) throw new Error('Protected header is not a byte string');
  if (!(unprotectedHeader instanceof Map)) throw new Error('Unprotected header is not a map');
  if (!(payload instanceof Uint8Array)) throw new Error('Payload is not a byte string');
  if (!(signature instanceof Uint8Array)) throw new Error('Signature is not a byte string');
  const protectedHeader = protectedBytes.length === 0 ? new Map() : decode(protectedBytes, decodeOptions);
  if (!(protectedHeader instanceof Map)) throw new Error('Protected header is not a map');
  return { protectedBytes, protectedHeader, unprotectedHeader, payload, signature };
}

/**
 * The algorithm, protected first. An unprotected one is accepted (RFC 9052 allows it and DCC vector
 * CO20 uses it) because it cannot be swapped to any effect: each algorithm is only tried with its own
 * key type (ES256 with an EC key, PS256 with an RSA key).
 */
export function coseAlgorithm(cose: CoseSign1): number | undefined {
  const alg = cose.protectedHeader.get(headerAlg) ?? cose.unprotectedHeader.get(headerAlg);
  return typeof alg === 'number' ? alg : undefined;
}

/** The key id, protected first; the unprotected one only when the protected header has none (as DCC). */
export function coseKid(cose: CoseSign1): Uint8Array | undefined {
  const kid = cose.protectedHeader.get(headerKid) ?? cose.unprotectedHeader.get(headerKid);
  return kid instanceof Uint8Array ? kid : undefined;
}

export function algorithmName(alg: number | undefined): string | undefined {
  return (Object.entries(coseAlgorithms) as [CoseAlgorithm, number][]).find(([, id]) => id === alg)?.[0];
}
