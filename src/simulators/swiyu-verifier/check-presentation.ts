import { parseDcqlVpToken } from '@openid4vc/openid4vp';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { publicJwkOfDid, verifierOf } from '../../platform/crypto/verifiable-credentials.ts';
import { verifierClientId } from './keys.ts';
import type { Verification, WalletResponse } from './store.ts';

/** A refusal with the management API's error code (`VerificationErrorResponseCode`). */
export class PresentationRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const technicalClaims = new Set(['_sd_alg', 'cnf', 'status', 'iat', 'nbf', 'exp']);

/**
 * What the real verifier checks of a DCQL `vp_token` before it reports SUCCESS: the issuer is among the
 * accepted ones and its key signed the credential, every disclosure belongs to it (digests), the
 * key-binding JWT is signed by the credential's `cnf` key for this verification's nonce and this
 * verifier (audience), the asked claims are disclosed, and the token status list says valid.
 */
export async function checkPresentation(
  verification: Verification,
  vpToken: unknown,
): Promise<WalletResponse> {
  let entries: Record<string, unknown[]>;
  try {
    entries = parseDcqlVpToken(vpToken);
  } catch {
    throw new PresentationRefused('invalid_format', 'vp_token is not a DCQL response');
  }
  const query = verification.dcqlQuery.credentials[0];
  const presentation = query && entries[query.id]?.[0];
  if (!query || typeof presentation !== 'string')
    throw new PresentationRefused('credential_missing_data', 'no presentation for the credential query');

  const decoded = await new SDJwtVcInstance({ hasher: digest }).decode(presentation);
  const issuer = decoded.jwt?.payload?.iss;
  if (typeof issuer !== 'string') throw new PresentationRefused('malformed_credential', 'no issuer');
  if (verification.acceptedIssuerDids && !verification.acceptedIssuerDids.includes(issuer))
    throw new PresentationRefused('issuer_not_accepted', `issuer ${issuer} is not accepted`);
  const issuerJwk = publicJwkOfDid(issuer);
  if (!issuerJwk) throw new PresentationRefused('public_key_of_issuer_unresolvable', 'issuer DID');

  const issuerVerifier = await verifierOf(issuerJwk);
  let status = 0;
  const sdjwt = new SDJwtVcInstance({
    hasher: digest,
    verifier: issuerVerifier,
    statusVerifier: issuerVerifier,
    kbVerifier: async (data, signature, payload) => {
      const holder = (payload.cnf as { jwk?: Parameters<typeof verifierOf>[0] } | undefined)?.jwk;
      if (!holder) return false;
      return (await verifierOf(holder))(data, signature);
    },
    statusListFetcher: async (uri) => {
      const response = await fetch(uri, { headers: { Accept: 'application/statuslist+jwt' } }).catch(
        () => undefined,
      );
      if (!response?.ok) throw new PresentationRefused('unresolvable_status_list', uri);
      return response.text();
    },
    statusValidator: async (value) => {
      status = value;
    },
  });
  const wanted = (query.claims ?? []).map((claim) => String(claim.path[0]));
  let verified: Awaited<ReturnType<SDJwtVcInstance['verify']>>;
  try {
    verified = await sdjwt.verify(presentation, { keyBindingNonce: verification.nonce });
  } catch (error) {
    throw refusalOf(error);
  }
  if (!verified.kb) throw new PresentationRefused('holder_binding_mismatch', 'no key binding');
  if (verified.kb.payload.aud !== verifierClientId)
    throw new PresentationRefused('holder_binding_mismatch', 'key binding for another verifier');
  const missing = wanted.filter((claim) => !(claim in verified.payload));
  if (missing.length > 0)
    throw new PresentationRefused('credential_missing_data', `not disclosed: ${missing.join(', ')}`);
  if (status === 1) throw new PresentationRefused('credential_revoked', 'revoked in the status list');
  if (status === 2) throw new PresentationRefused('credential_suspended', 'suspended in the status list');
  const vct = verified.payload.vct;
  if (query.meta?.vct_values && !query.meta.vct_values.includes(vct))
    throw new PresentationRefused('credential_invalid', `vct ${vct} was not asked for`);
  return {
    credential_subject_data: Object.fromEntries(
      Object.entries(verified.payload).filter(([key]) => !technicalClaims.has(key)),
    ),
  };
}

function refusalOf(error: unknown): PresentationRefused {
  if (error instanceof PresentationRefused) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/nonce/i.test(message)) return new PresentationRefused('holder_binding_mismatch', message);
  if (/expired|exp/i.test(message)) return new PresentationRefused('credential_expired', message);
  return new PresentationRefused('credential_invalid', message);
}
