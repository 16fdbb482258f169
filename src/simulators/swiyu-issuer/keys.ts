import { didJwkOf, type PrivateJwk } from '../../platform/crypto/verifiable-credentials.ts';

/**
 * The simulated issuer's signing key: a fixed test key (demo and tests only), so that credentials a
 * wallet received before a restart still verify. A real swiyu-issuer keeps its key in an HSM and
 * publishes it in its DID document (docs/e-id.md).
 */
export const issuerKey: PrivateJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'N2oJ4NL8Uy_Y06pVoc6WRAIkLiaukpEBMxthN084JRE',
  y: 'uxZqvydqm_Gu9SEFV727idj1mRRKfh3t0A5i-d4Q4Y4',
  d: 'oOFwqyfJVquK75YpGVb8sBMRkeKfjEiy2NlJNiNtfZ8',
};

export const issuerDid = didJwkOf(issuerKey);

/** The credential types the simulated issuer is configured for (`credential_configurations_supported`). */
export const credentialConfigurations = [
  'debt-collection-extract',
  'authorisation-to-practise',
  'guichet-document',
] as const;
