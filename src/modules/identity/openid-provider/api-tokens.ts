import type { MasterKey } from '../../../platform/crypto/master-keys.ts';
import type { Db } from '../../../platform/database/database.ts';
import { apiAudience } from './guichet-provider.ts';
import { signingKeys } from './postgres-adapter.ts';

/** The private members of an RSA JWK: a verifier needs none of them. */
const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);

/**
 * The application and scopes behind an access token of the client-credentials grant: signed by our
 * OpenID provider, for the API (its audience), not expired. Null for anything else.
 */
export async function verifyApiAccessToken(
  db: Db,
  keys: MasterKey[],
  publicUrl: string,
  token: string,
  now = new Date(),
): Promise<{ clientId: string; scopes: string[] } | null> {
  const { createLocalJWKSet, jwtVerify } = await import('jose'); // loaded at the first token, not at every start
  const jwks = createLocalJWKSet({
    keys: (await signingKeys(db, keys, 'guichet')).map(
      (jwk) => Object.fromEntries(Object.entries(jwk).filter(([name]) => !privateMembers.has(name))) as never,
    ),
  });
  try {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: publicUrl,
      audience: apiAudience(publicUrl),
      currentDate: now,
      typ: 'at+jwt',
    });
    if (typeof payload.client_id !== 'string') return null;
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    return { clientId: payload.client_id, scopes };
  } catch {
    return null;
  }
}
