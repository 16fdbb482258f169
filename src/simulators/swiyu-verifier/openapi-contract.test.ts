import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { eidVct, SimulatedWallet, testEidIssuerDid } from '../swiyu-wallet/index.ts';

/**
 * The simulators speak the real services' API: their answers use only fields the public OpenAPI
 * descriptions define (docs/swiyu/README.md names their source), their states are those of the
 * descriptions' enumerations, and what Guichet sends is what the descriptions require.
 */
type Schema = { properties?: Record<string, Schema>; enum?: string[]; required?: string[]; $ref?: string };
interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}
const load = (name: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../docs/swiyu', name), 'utf8')) as OpenApi;
const verifierApi = load('verifier-openapi.json');
const issuerApi = load('issuer-openapi.json');

const schema = (api: OpenApi, name: string) => {
  const found = api.components.schemas[name];
  if (!found) throw new Error(`No schema ${name}`);
  return found;
};
const fieldsOf = (api: OpenApi, name: string) => Object.keys(schema(api, name).properties ?? {});
const enumOf = (api: OpenApi, name: string) => schema(api, name).enum ?? [];

let server: Awaited<ReturnType<typeof serveTestApp>>;
beforeAll(async () => {
  server = await serveTestApp();
});
afterAll(() => server?.close());

describe('the swiyu-verifier simulator against the verifier OpenAPI description', () => {
  it('serves the described paths', () => {
    for (const described of [
      '/management/api/verifications',
      '/management/api/verifications/{verificationId}',
      '/oid4vp/api/request-object/{request_id}',
      '/oid4vp/api/request-object/{request_id}/response-data',
    ])
      expect(Object.keys(verifierApi.paths)).toContain(described);
  });

  it('answers ManagementResponse fields, VerificationStatus states and ResponseData fields', async () => {
    const request = {
      accepted_issuer_dids: [testEidIssuerDid],
      response_mode: 'direct_post',
      dcql_query: {
        credentials: [
          {
            id: 'eid',
            format: 'dc+sd-jwt',
            meta: { vct_values: [eidVct] },
            claims: [{ path: ['given_name'] }],
          },
        ],
      },
    };
    for (const field of Object.keys(request))
      expect(fieldsOf(verifierApi, 'CreateVerificationManagement')).toContain(field);
    for (const required of schema(verifierApi, 'CreateVerificationManagement').required ?? [])
      expect(request).toHaveProperty(required);

    const base = `${server.url}/simulators/swiyu-verifier`;
    const created = (await (
      await fetch(`${base}/management/api/verifications`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      })
    ).json()) as Record<string, unknown>;
    const described = fieldsOf(verifierApi, 'ManagementResponse');
    expect(described).toEqual(
      expect.arrayContaining(['id', 'state', 'verification_deeplink', 'wallet_response']),
    );
    for (const field of Object.keys(created)) expect(described).toContain(field);
    expect(enumOf(verifierApi, 'VerificationStatus')).toEqual(['PENDING', 'SUCCESS', 'FAILED']);
    expect(enumOf(verifierApi, 'VerificationStatus')).toContain(created.state);

    const wallet = await SimulatedWallet.create(server.url);
    await wallet.receiveEid({ given_name: 'Sophie', family_name: 'Rochat', birth_date: '1985-04-12' });
    await wallet.present(String(created.verification_deeplink), { decline: true });
    const ended = (await (await fetch(`${base}/management/api/verifications/${created.id}`)).json()) as {
      state: string;
      wallet_response: Record<string, unknown>;
    };
    expect(enumOf(verifierApi, 'VerificationStatus')).toContain(ended.state);
    for (const field of Object.keys(ended.wallet_response))
      expect(fieldsOf(verifierApi, 'ResponseData')).toContain(field);
    expect(enumOf(verifierApi, 'VerificationErrorResponseCode')).toContain(ended.wallet_response.error_code);
  });

  it('uses only described error codes', async () => {
    const source = ['check-presentation.ts', 'index.ts']
      .map((file) => readFileSync(path.join(import.meta.dirname, file), 'utf8'))
      .join('\n');
    const used = [...source.matchAll(/PresentationRefused\('([a-z_]+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(5);
    for (const code of [...used, 'client_rejected'])
      expect(enumOf(verifierApi, 'VerificationErrorResponseCode')).toContain(code);
  });
});

describe('the swiyu-issuer simulator against the issuer OpenAPI description', () => {
  it('answers CredentialWithDeeplinkResponse, StatusResponse and UpdateStatusResponse with described states', async () => {
    for (const described of [
      '/management/api/credentials',
      '/management/api/credentials/{credentialManagementId}/status',
      '/oid4vci/api/token',
      '/oid4vci/api/nonce',
      '/oid4vci/api/credential',
    ])
      expect(Object.keys(issuerApi.paths)).toContain(described);
    const request = {
      metadata_credential_supported_id: ['debt-collection-extract'],
      credential_subject_data: { holder_name: 'Sophie Rochat' },
      offer_validity_seconds: 86_400,
    };
    for (const field of Object.keys(request))
      expect(fieldsOf(issuerApi, 'CreateCredentialOfferRequest')).toContain(field);
    const base = `${server.url}/simulators/swiyu-issuer`;
    const offer = (await (
      await fetch(`${base}/management/api/credentials`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      })
    ).json()) as Record<string, unknown>;
    expect(Object.keys(offer).sort()).toEqual(fieldsOf(issuerApi, 'CredentialWithDeeplinkResponse').sort());

    const status = (await (
      await fetch(`${base}/management/api/credentials/${offer.management_id}/status`)
    ).json()) as Record<string, unknown>;
    for (const field of Object.keys(status)) expect(fieldsOf(issuerApi, 'StatusResponse')).toContain(field);
    expect(enumOf(issuerApi, 'CredentialStatusType')).toContain(status.status);

    const statusPath = issuerApi.paths['/management/api/credentials/{credentialManagementId}/status'] as {
      patch: { parameters: Array<{ name: string; in: string }> };
    };
    const parameters = statusPath.patch.parameters;
    expect(parameters).toContainEqual(expect.objectContaining({ name: 'credentialStatus', in: 'query' }));
    expect(enumOf(issuerApi, 'UpdateCredentialStatusRequestType')).toContain('REVOKED');
    const revoked = (await (
      await fetch(
        `${base}/management/api/credentials/${offer.management_id}/status?credentialStatus=REVOKED`,
        {
          method: 'PATCH',
        },
      )
    ).json()) as Record<string, unknown>;
    for (const field of Object.keys(revoked))
      expect(fieldsOf(issuerApi, 'UpdateStatusResponse')).toContain(field);
    expect(enumOf(issuerApi, 'CredentialStatusType')).toContain(revoked.status);
  });
});
