import type { PersonClaims } from '../persons.ts';
import type { EidMessage } from './messages.ts';

/** The federal e-ID's type (`vct`), as its beta credential names it. */
export const eidVct = 'betaid-sdjwt';

/**
 * The only e-ID claims Guichet asks for at login and step-up, each with the reason the page gives:
 * names and date of birth to address and tell people apart, the AVS number to find the person's
 * profile (cantonal authorities may use it systematically, art. 50e AVS Act). Photo, nationality,
 * place of origin and the rest stay in the wallet.
 */
export const loginClaims = [
  { claim: 'given_name', label: 'eidClaimGivenName', why: 'eidWhyNames' },
  { claim: 'family_name', label: 'eidClaimFamilyName', why: 'eidWhyNames' },
  { claim: 'birth_date', label: 'eidClaimBirthDate', why: 'eidWhyBirthDate' },
  { claim: 'personal_administrative_number', label: 'eidClaimAvs', why: 'eidWhyAvs' },
] as const satisfies ReadonlyArray<{ claim: string; label: EidMessage; why: EidMessage }>;

/** What the verified claims say about the person, for finding, linking or registering them. */
export function personClaimsOf(claims: Record<string, unknown>): PersonClaims | undefined {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
  const givenNames = text('given_name');
  const familyName = text('family_name');
  if (!givenNames || !familyName) return undefined;
  return {
    givenNames,
    familyName,
    dateOfBirth: text('birth_date'),
    avs: text('personal_administrative_number'),
  };
}

/** The message for a refusal the verifier reports (`VerificationErrorResponseCode`), for the person. */
export function refusalMessage(errorCode: string | undefined): EidMessage {
  switch (errorCode) {
    case 'client_rejected':
    case 'access_denied':
      return 'eidDeclined';
    case 'credential_revoked':
    case 'credential_suspended':
      return 'eidRevoked';
    case 'issuer_not_accepted':
    case 'public_key_of_issuer_unresolvable':
      return 'eidUntrusted';
    case 'holder_binding_mismatch':
    case 'missing_nonce':
      return 'eidWrongNonce';
    case 'credential_invalid':
    case 'malformed_credential':
    case 'invalid_format':
      return 'eidTampered';
    case 'credential_missing_data':
      return 'eidMissing';
    default:
      return 'eidFailed';
  }
}
