/**
 * The CWT (RFC 8392) inside a Guichet QR code: standard claims `iss` (the authority's slug), `iat`,
 * `exp` (only when the document expires), and one private claim, {@link guichetClaimKey}, holding
 * what a verifier compares with the paper. See docs/decisions/0021-qr-payload-and-verification.md.
 */

/** Private-use CWT claim (RFC 8392 §9.1: integers below -65536) of Guichet's document data. */
export const guichetClaimKey = -65537;

/** Names of the registered CWT claims (RFC 8392 §3.1), for readable output. */
export const standardClaimNames: Record<number, string> = {
  1: 'iss',
  2: 'sub',
  3: 'aud',
  4: 'exp',
  5: 'nbf',
  6: 'iat',
  7: 'cti',
};

export type CwtClaims = Map<number | string, unknown>;

/** What Guichet signs about one issued document. */
export interface GuichetDocumentClaims {
  /** The issuing authority's slug. */
  iss: string;
  iat: Date;
  /** Only when the document expires. */
  exp?: Date;
  /** Document type, e.g. `criminal-record-extract`. */
  type: string;
  serial: string;
  /** The few printed fields a verifier compares with the paper (name, date of birth, …). */
  fields: Record<string, string>;
  /** SHA-256 of the document's canonical content ({@link documentContentHash}), not of the PDF. */
  sha256: Uint8Array;
}

export function toCwt(claims: GuichetDocumentClaims): CwtClaims {
  const cwt: CwtClaims = new Map<number | string, unknown>([
    [1, claims.iss],
    [6, seconds(claims.iat)],
  ]);
  if (claims.exp) cwt.set(4, seconds(claims.exp));
  cwt.set(
    guichetClaimKey,
    new Map<string, unknown>([
      ['t', claims.type],
      ['n', claims.serial],
      ['f', new Map(Object.entries(claims.fields))],
      ['h', new Uint8Array(claims.sha256)],
    ]),
  );
  return cwt;
}

/** The Guichet document claims of a decoded CWT, or undefined when it is not one of ours. */
export function fromCwt(cwt: CwtClaims): GuichetDocumentClaims | undefined {
  const own = cwt.get(guichetClaimKey);
  const iss = cwt.get(1);
  const iat = cwt.get(6);
  const exp = cwt.get(4);
  if (!(own instanceof Map) || typeof iss !== 'string' || typeof iat !== 'number') return undefined;
  const [type, serial, fields, sha256] = [own.get('t'), own.get('n'), own.get('f'), own.get('h')];
  if (typeof type !== 'string' || typeof serial !== 'string' || !(sha256 instanceof Uint8Array))
    return undefined;
  if (
    !(fields instanceof Map) ||
    [...fields].some(([k, v]) => typeof k !== 'string' || typeof v !== 'string')
  )
    return undefined;
  return {
    iss,
    iat: new Date(iat * 1000),
    ...(typeof exp === 'number' ? { exp: new Date(exp * 1000) } : {}),
    type,
    serial,
    fields: Object.fromEntries(fields) as Record<string, string>,
    sha256: new Uint8Array(sha256),
  };
}

export type CwtTime = 'valid' | 'not-yet-valid' | 'expired';

/** The CWT's time window at `at`: before `iat` or `nbf` it is not yet valid, after `exp` expired. */
export function checkCwtTime(cwt: CwtClaims, at: Date): CwtTime {
  const now = at.getTime() / 1000;
  const [iat, nbf, exp] = [cwt.get(6), cwt.get(5), cwt.get(4)];
  if ((typeof iat === 'number' && now < iat) || (typeof nbf === 'number' && now < nbf))
    return 'not-yet-valid';
  if (typeof exp === 'number' && now >= exp) return 'expired';
  return 'valid';
}

/** CBOR values as JSON: maps as objects (registered claims named), byte strings as base64. */
export function claimsToJson(value: unknown, top = true): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Map)
    return Object.fromEntries(
      [...value].map(([k, v]) => [
        (top && typeof k === 'number' && standardClaimNames[k]) || String(k),
        claimsToJson(v, false),
      ]),
    );
  if (Array.isArray(value)) return value.map((v) => claimsToJson(v, false));
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && 'tag' in value && 'contents' in value)
    return { tag: Number(value.tag), value: claimsToJson(value.contents, false) };
  return value;
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
