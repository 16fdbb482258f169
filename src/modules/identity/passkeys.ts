import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import type { IdentityTables } from './tables.ts';

/** A passkey with user verification is two factors in one (possession and PIN or biometrics). */
export const passkeyLevel: AssuranceLevel = 'substantial';

export interface RelyingParty {
  id: string;
  origin: string;
}

export function relyingParty(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin };
}

const passkeys = (db: Db) => tablesOf<IdentityTables>(db);

// @simplewebauthn/server and its X.509 and ASN.1 libraries (~230 modules) load with the first passkey
// ceremony, not at every start.
const webAuthn = () => import('@simplewebauthn/server');

export async function registrationOptions(
  db: Db,
  rp: RelyingParty,
  person: { id: string; name: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await passkeys(db)
    .selectFrom('passkeys')
    .select(['id', 'transports'])
    .where('person_id', '=', person.id)
    .execute();
  const { generateRegistrationOptions } = await webAuthn();
  return generateRegistrationOptions({
    rpName: 'Guichet',
    rpID: rp.id,
    userName: person.name,
    userID: new TextEncoder().encode(person.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.id,
      transports: p.transports as AuthenticatorTransport[],
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

/** Checks the authenticator's answer to our challenge and keeps the new passkey as a means of the person. */
export async function registerPasskey(
  db: Db,
  rp: RelyingParty,
  personId: string,
  expectedChallenge: string,
  response: RegistrationResponseJSON,
): Promise<boolean> {
  const { verifyRegistrationResponse } = await webAuthn();
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!verification?.verified) return false;
  const { credential } = verification.registrationInfo;
  await audited(
    db,
    {
      actor: `person:${personId}`,
      action: 'identity.passkey.create',
      subjectType: 'person',
      subjectId: personId,
    },
    async (tx) => {
      await passkeys(tx)
        .insertInto('passkeys')
        .values({
          id: credential.id,
          person_id: personId,
          public_key: Buffer.from(credential.publicKey),
          counter: credential.counter,
          transports: credential.transports ?? [],
          last_used_at: null,
        })
        .execute();
      await passkeys(tx)
        .insertInto('identity_links')
        .values({ person_id: personId, provider: 'passkey', subject: credential.id, level: passkeyLevel })
        .execute();
    },
  );
  return true;
}

export async function authenticationOptions(
  rp: RelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { generateAuthenticationOptions } = await webAuthn();
  // Discoverable credentials: the person picks their passkey, no e-mail typed first.
  return generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required' });
}

/** The person a passkey login belongs to, once its signature over our challenge checks out. */
export async function authenticateWithPasskey(
  db: Db,
  rp: RelyingParty,
  expectedChallenge: string,
  response: AuthenticationResponseJSON,
): Promise<{ personId: string; passkeyId: string } | undefined> {
  const stored = await passkeys(db)
    .selectFrom('passkeys')
    .selectAll()
    .where('id', '=', response.id)
    .executeTakeFirst();
  if (!stored) return undefined;
  const { verifyAuthenticationResponse } = await webAuthn();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
    credential: {
      id: stored.id,
      publicKey: new Uint8Array(stored.public_key),
      counter: stored.counter,
      transports: stored.transports as AuthenticatorTransport[],
    },
  }).catch(() => undefined);
  if (!verification?.verified) return undefined;
  await passkeys(db)
    .updateTable('passkeys')
    .set({ counter: verification.authenticationInfo.newCounter, last_used_at: new Date() })
    .where('id', '=', stored.id)
    .execute();
  return { personId: stored.person_id, passkeyId: stored.id };
}
