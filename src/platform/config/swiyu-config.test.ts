import { describe, expect, it } from 'vitest';
import { testEidIssuerDid } from '../../simulators/swiyu-wallet/index.ts';
import { ConfigError, demoEidIssuerDid, loadConfig } from './config.ts';

const production = {
  PUBLIC_URL: 'https://guichet.vs.ch',
  MASTER_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  COMMERCIAL_REGISTER_URL: 'https://register.example/api',
  METRICS_TOKEN: 'a-long-metrics-token',
};
const federalEid =
  'did:tdw:QmPEZPhDFR4nEYSFK5bMnvECqdpf1tPTPJuWs9QrMjCumw:identifier-reg.trust-infra.swiyu-int.admin.ch:api:v1:did:9a5559f0';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the e-ID services in the environment', () => {
  it('points the demo at the simulators and its test e-ID issuer', () => {
    expect(demoEidIssuerDid).toBe(testEidIssuerDid);
    expect(loadConfig({ GUICHET_DEMO: 'true' }).swiyu).toEqual({
      verifier: {
        url: 'http://localhost:3000/simulators/swiyu-verifier',
        token: undefined,
        eidIssuerDids: [testEidIssuerDid],
      },
      issuer: {
        url: 'http://localhost:3000/simulators/swiyu-issuer',
        token: undefined,
        statusList: undefined,
      },
    });
  });

  it('is off outside the demo until configured, then uses exactly what is configured', () => {
    expect(loadConfig(production).swiyu).toEqual({ verifier: undefined, issuer: undefined });
    const config = loadConfig({
      ...production,
      SWIYU_VERIFIER_URL: 'https://verifier.vs.ch/',
      SWIYU_VERIFIER_TOKEN: 't1',
      SWIYU_EID_ISSUER_DIDS: ` ${federalEid} ,did:web:other.example`,
      SWIYU_ISSUER_URL: 'https://issuer.vs.ch',
      SWIYU_ISSUER_STATUS_LIST: 'https://status-reg.example/api/v1/statuslist/abc.jwt',
    }).swiyu;
    expect(config.verifier).toEqual({
      url: 'https://verifier.vs.ch',
      token: 't1',
      eidIssuerDids: [federalEid, 'did:web:other.example'],
    });
    expect(config.issuer?.statusList).toBe('https://status-reg.example/api/v1/statuslist/abc.jwt');
  });

  it('needs the accepted e-ID issuers with a verifier, refuses other text and the simulators', () => {
    expect(problemsOf({ ...production, SWIYU_VERIFIER_URL: 'https://verifier.vs.ch' })).toEqual([
      'SWIYU_EID_ISSUER_DIDS is required when SWIYU_VERIFIER_URL is set: only e-IDs from these issuers are accepted',
    ]);
    expect(problemsOf({ ...production, SWIYU_EID_ISSUER_DIDS: 'fedpol' })).toEqual([
      'SWIYU_EID_ISSUER_DIDS must be a comma-separated list of DIDs (did:…), the e-ID issuers accepted',
    ]);
    expect(
      problemsOf({ ...production, SWIYU_ISSUER_URL: 'https://guichet.vs.ch/simulators/swiyu-issuer' }),
    ).toEqual([
      'SWIYU_ISSUER_URL points at a simulator (https://guichet.vs.ch/simulators/swiyu-issuer), which is served in demo mode only',
    ]);
  });
});
