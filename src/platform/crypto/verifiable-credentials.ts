import { createHash, randomBytes } from 'node:crypto';
import type { CallbackContext, Jwk, JwtSigner } from '@openid4vc/oauth2';
import { clientAuthenticationNone } from '@openid4vc/oauth2';
import { ES256 } from '@sd-jwt/crypto-nodejs';

/**
 * The small common ground of the e-ID simulators (verifier, issuer, wallet): ES256 keys named as
 * `did:jwk` (a DID that carries its own public key, so a verifier resolves it without a registry), JWTs
 * signed and checked with `jose`, and the callbacks the `@openid4vc/*` libraries ask for.
 * The real swiyu services use `did:tdw`/`did:webvh` from the federal registry; only the resolution
 * differs, the signatures are the same.
 */
export type PrivateJwk = Jwk & { d: string };

export const publicJwkOf = ({ kty, crv, x, y }: Jwk): Jwk => ({ kty, crv, x, y });

export function didJwkOf(jwk: Jwk): string {
  return `did:jwk:${Buffer.from(JSON.stringify(publicJwkOf(jwk))).toString('base64url')}`;
}

/** The public key a `did:jwk` (or one of its URLs, `…#0`) names; undefined for any other DID. */
export function publicJwkOfDid(didUrl: string): Jwk | undefined {
  const match = /^did:jwk:([A-Za-z0-9_-]+)(?:#.*)?$/.exec(didUrl);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as Jwk;
  } catch {
    return undefined;
  }
}

export const signerOf = (jwk: PrivateJwk) => ES256.getSigner(jwk);
export const verifierOf = (jwk: Jwk) => ES256.getVerifier(publicJwkOf(jwk));

/** Signs a JWT with an ES256 key. */
export async function signJwt(
  jwk: PrivateJwk,
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): Promise<string> {
  const { importJWK, SignJWT } = await import('jose'); // loaded at the first credential, not at every start
  return new SignJWT(payload)
    .setProtectedHeader({ ...header, alg: 'ES256' })
    .sign(await importJWK(jwk, 'ES256'));
}

/** Checks a JWT's ES256 signature (and its `iat`/`nbf`/`exp`); throws when it fails. */
export async function verifyJwt(
  compact: string,
  jwk: Jwk,
): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown> }> {
  const { importJWK, jwtVerify } = await import('jose');
  const { protectedHeader, payload } = await jwtVerify(compact, await importJWK(publicJwkOf(jwk), 'ES256'), {
    algorithms: ['ES256'],
  });
  return { header: protectedHeader, payload };
}

/** The public key behind a signer named by a JWT header (`jwk`, or a `did:jwk` key id). */
function keyOf(signer: JwtSigner): Jwk | undefined {
  if (signer.method === 'jwk') return signer.publicJwk;
  if (signer.method === 'did') return publicJwkOfDid(signer.didUrl);
  return undefined;
}

/**
 * The callbacks `@openid4vc/oauth2`, `openid4vci` and `openid4vp` need, signing with the given keys
 * (matched by public key) and verifying ES256 JWTs keyed by `jwk` or `did:jwk`.
 */
export function openid4vcCallbacks(keys: PrivateJwk[]): Omit<CallbackContext, 'encryptJwe' | 'decryptJwe'> & {
  encryptJwe: CallbackContext['encryptJwe'];
  decryptJwe: CallbackContext['decryptJwe'];
} {
  const unsupported = () => {
    throw new Error('Encrypted responses are not used here');
  };
  return {
    hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
    generateRandom: (length) => randomBytes(length),
    clientAuthentication: clientAuthenticationNone({ clientId: 'wallet' }),
    async signJwt(signer, { header, payload }) {
      const wanted = keyOf(signer);
      const key = keys.find((k) => wanted && k.x === wanted.x && k.y === wanted.y);
      if (!key) throw new Error('No private key for this signer');
      return { jwt: await signJwt(key, header, payload), signerJwk: publicJwkOf(key) };
    },
    async verifyJwt(signer, { compact }) {
      const key = keyOf(signer);
      if (!key) return { verified: false };
      try {
        await verifyJwt(compact, key);
        return { verified: true, signerJwk: key };
      } catch {
        return { verified: false, signerJwk: key };
      }
    },
    encryptJwe: unsupported,
    decryptJwe: unsupported,
  };
}
