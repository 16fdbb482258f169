import { didJwkOf, type PrivateJwk } from '../../platform/crypto/verifiable-credentials.ts';

/** The simulated verifier's key, which signs its request objects (a fixed test key, demo and tests only). */
export const verifierKey: PrivateJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'eDqpQU9irazpHu6dEurt1wWVzTpWJkxCtdQZhZg_Bjw',
  y: 'sQE028mCywms9cVyDtW9bZLJbOk5kUNm6LSWRlJswgo',
  d: '-xHSUU92shZreR1Ex3uDiQsej2MVY17kbmiw-gZspBM',
};

export const verifierDid = didJwkOf(verifierKey);
/** OpenID4VP 1.0 names a DID-identified verifier with this client identifier prefix. */
export const verifierClientId = `decentralized_identifier:${verifierDid}`;
