import { type IssuerMetadataResult, Openid4vciIssuer, Openid4vciVersion } from '@openid4vc/openid4vci';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { createHeaderAndPayload } from '@sd-jwt/jwt-status-list';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import {
  openid4vcCallbacks,
  publicJwkOf,
  signerOf,
  signJwt,
} from '../../platform/crypto/verifiable-credentials.ts';
import { credentialConfigurations, issuerDid, issuerKey } from './keys.ts';
import { type CredentialOffer, statusList, statusListId } from './store.ts';

type DisclosureFrame = NonNullable<Parameters<SDJwtVcInstance['issue']>[1]>;

const callbacks = openid4vcCallbacks([issuerKey]);
export const oid4vciIssuer = new Openid4vciIssuer({ callbacks });

/** The issuer's metadata as the wallet reads it (OpenID4VCI 1.0, §12.2), and the token endpoint's. */
export function issuerMetadata(base: string): IssuerMetadataResult {
  const credentialIssuer = {
    credential_issuer: base,
    credential_endpoint: `${base}/oid4vci/api/credential`,
    nonce_endpoint: `${base}/oid4vci/api/nonce`,
    credential_configurations_supported: Object.fromEntries(
      credentialConfigurations.map((id) => [
        id,
        {
          format: 'dc+sd-jwt',
          vct: id,
          cryptographic_binding_methods_supported: ['jwk'],
          credential_signing_alg_values_supported: ['ES256'],
          proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
        },
      ]),
    ),
  };
  return {
    originalDraftVersion: Openid4vciVersion.V1,
    credentialIssuer,
    knownCredentialConfigurations: oid4vciIssuer.getKnownCredentialConfigurationsSupported(credentialIssuer),
    authorizationServers: [authorizationServerMetadata(base)],
  };
}

export function authorizationServerMetadata(base: string) {
  return {
    issuer: base,
    token_endpoint: `${base}/oid4vci/api/token`,
    'pre-authorized_grant_anonymous_access_supported': true,
  };
}

export const statusListUri = (base: string) => `${base}/status-lists/${statusListId}`;

/** The credential itself: an SD-JWT VC whose every subject claim is disclosable, bound to the wallet's key. */
export async function issueSdJwtVc(base: string, offer: CredentialOffer, holderJwk: object): Promise<string> {
  const sdjwt = new SDJwtVcInstance({
    signer: await signerOf(issuerKey),
    signAlg: 'ES256',
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  });
  const claims = offer.subjectData;
  return sdjwt.issue<SdJwtVcPayload>(
    {
      iss: issuerDid,
      iat: Math.floor(Date.now() / 1000),
      ...(offer.validUntil ? { exp: Math.floor(new Date(offer.validUntil).getTime() / 1000) } : {}),
      vct: offer.configurationId,
      cnf: { jwk: holderJwk },
      status: { status_list: { idx: offer.statusIndex, uri: statusListUri(base) } },
      ...claims,
    },
    // Every subject claim selectively disclosable: the holder shows only what a verifier asks.
    { _sd: Object.keys(claims) } as unknown as DisclosureFrame,
    { header: { typ: 'dc+sd-jwt', kid: `${issuerDid}#0` } },
  );
}

/** The token status list (draft-ietf-oauth-status-list), signed as a `statuslist+jwt`. */
export async function statusListJwt(base: string): Promise<string> {
  const { header, payload } = createHeaderAndPayload(
    statusList,
    { iss: issuerDid, sub: statusListUri(base), iat: Math.floor(Date.now() / 1000), ttl: 60 },
    { alg: 'ES256', typ: 'statuslist+jwt', kid: `${issuerDid}#0` },
  );
  return signJwt(issuerKey, header, payload);
}

export const issuerPublicJwk = publicJwkOf(issuerKey);
