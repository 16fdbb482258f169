import { createHeaderAndPayload, StatusList } from '@sd-jwt/jwt-status-list';
import { didJwkOf, type PrivateJwk, signJwt } from '../../platform/crypto/verifiable-credentials.ts';

/**
 * The test e-ID issuer: a fixed key standing for fedpol's e-ID issuer, which signs the e-IDs the
 * simulated wallet holds. Guichet accepts its DID in demo mode (`SWIYU_EID_ISSUER_DIDS`), as it
 * accepts the federal e-ID issuer's DID in production. Never trusted outside demo and tests.
 */
export const testEidIssuerKey: PrivateJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: '3-41fSAimp5wal5WH-e6Cnlr_H0RWH_G7B7DLNzCI5g',
  y: 'NBtXoJ-RcGJUN4P_gBPokW1X4Uxek0ciB7Mr-qDsNiI',
  d: 'mESsE4ppLHmL4Kh_2358lb7_B3kBJK0vPLJgCjXEJP8',
};
export const testEidIssuerDid = didJwkOf(testEidIssuerKey);

/** The e-ID's type, as the federal beta e-ID names it (swiyu-verifier docs/verification_process.md). */
export const eidVct = 'betaid-sdjwt';

export const eidStatusListPath = '/simulators/swiyu-wallet/eid-status-list';
/** The test issuer's token status list, in memory: 0 valid, 1 revoked. */
const eidStatusList = new StatusList(new Array<number>(1024).fill(0), 2);
let nextIndex = 0;

export const takeEidStatusIndex = () => nextIndex++ % 1024;
export const revokeEid = (index: number) => eidStatusList.setStatus(index, 1);

export async function eidStatusListJwt(uri: string): Promise<string> {
  const { header, payload } = createHeaderAndPayload(
    eidStatusList,
    { iss: testEidIssuerDid, sub: uri, iat: Math.floor(Date.now() / 1000), ttl: 60 },
    { alg: 'ES256', typ: 'statuslist+jwt', kid: `${testEidIssuerDid}#0` },
  );
  return signJwt(testEidIssuerKey, header, payload);
}
