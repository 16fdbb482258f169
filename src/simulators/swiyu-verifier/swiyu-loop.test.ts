import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { issuerDid } from '../swiyu-issuer/keys.ts';
import { eidVct, revokeEid, SimulatedWallet, testEidIssuerDid } from '../swiyu-wallet/index.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
beforeAll(async () => {
  server = await serveTestApp();
});
afterAll(() => server?.close());

const sophie = {
  given_name: 'Sophie',
  family_name: 'Rochat',
  birth_date: '1985-04-12',
  personal_administrative_number: '756.1234.5678.97',
  nationality: 'CH',
};

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

async function askForEid(claims: string[], acceptedIssuers = [testEidIssuerDid], vct = eidVct) {
  const created = await json(
    await fetch(`${server.url}/simulators/swiyu-verifier/management/api/verifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        accepted_issuer_dids: acceptedIssuers,
        response_mode: 'direct_post',
        dcql_query: {
          credentials: [
            {
              id: 'eid',
              format: 'dc+sd-jwt',
              meta: { vct_values: [vct] },
              claims: claims.map((c) => ({ path: [c] })),
            },
          ],
        },
      }),
    }),
  );
  expect(created.state).toBe('PENDING');
  return { id: String(created.id), deepLink: String(created.verification_deeplink) };
}

async function outcome(id: string) {
  return json(await fetch(`${server.url}/simulators/swiyu-verifier/management/api/verifications/${id}`));
}

describe('the swiyu simulators, with real SD-JWT VC cryptography', () => {
  it('accepts a key-bound presentation of only the asked claims', async () => {
    const wallet = await SimulatedWallet.create(server.url);
    await wallet.receiveEid(sophie);
    const { id, deepLink } = await askForEid(['given_name', 'family_name', 'birth_date']);
    expect(deepLink).toMatch(/^swiyu-verify:\/\/\?client_id=decentralized_identifier%3Adid%3Ajwk%3A/);
    expect(await wallet.askedClaims(deepLink)).toEqual(['given_name', 'family_name', 'birth_date']);
    expect((await wallet.present(deepLink)).status).toBe(200);
    const result = await outcome(id);
    expect(result.state).toBe('SUCCESS');
    const data = (result.wallet_response as { credential_subject_data: Record<string, unknown> })
      .credential_subject_data;
    expect(data).toMatchObject({ given_name: 'Sophie', family_name: 'Rochat', birth_date: '1985-04-12' });
    // Selective disclosure: what was not asked stays in the wallet.
    expect(data.personal_administrative_number).toBeUndefined();
    expect(data.nationality).toBeUndefined();
  });

  it.each([
    ['declined', { decline: true }, 'client_rejected'],
    ['a tampered disclosure', { tamper: true }, 'credential_invalid'],
    ['a wrong nonce', { nonce: 'replayed-nonce' }, 'holder_binding_mismatch'],
  ])('refuses %s', async (_, options, code) => {
    const wallet = await SimulatedWallet.create(server.url);
    await wallet.receiveEid(sophie);
    const { id, deepLink } = await askForEid(['given_name', 'family_name']);
    await wallet.present(deepLink, options);
    const result = await outcome(id);
    expect(result.state).toBe('FAILED');
    expect((result.wallet_response as { error_code: string }).error_code).toBe(code);
  });

  it('refuses a revoked e-ID and one from an issuer not accepted', async () => {
    const revoked = await SimulatedWallet.create(server.url);
    await revoked.receiveEid(sophie);
    revokeEid(revoked.eidStatusIndex ?? -1);
    const first = await askForEid(['given_name']);
    await revoked.present(first.deepLink);
    expect(((await outcome(first.id)).wallet_response as { error_code: string }).error_code).toBe(
      'credential_revoked',
    );

    const forged = await SimulatedWallet.create(server.url);
    await forged.receiveEid(sophie, { untrusted: true });
    const second = await askForEid(['given_name']);
    await forged.present(second.deepLink);
    expect(((await outcome(second.id)).wallet_response as { error_code: string }).error_code).toBe(
      'issuer_not_accepted',
    );
  });

  it('issues a credential by the pre-authorised code flow, which the verifier accepts until it is revoked', async () => {
    const base = `${server.url}/simulators/swiyu-issuer`;
    const offer = await json(
      await fetch(`${base}/management/api/credentials`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          metadata_credential_supported_id: ['debt-collection-extract'],
          credential_subject_data: { holder_name: 'Sophie Rochat', outcome: 'no proceedings', serial: 'E-1' },
        }),
      }),
    );
    expect(String(offer.offer_deeplink)).toMatch(/^swiyu:\/\/\?credential_offer=/);
    const wallet = await SimulatedWallet.create(server.url);
    await wallet.acceptOffer(String(offer.offer_deeplink));
    const status = await json(
      await fetch(`${base}/management/api/credentials/${offer.management_id}/status`),
    );
    expect(status.status).toBe('ISSUED');
    // The pre-authorised code is good once.
    await expect(wallet.acceptOffer(String(offer.offer_deeplink))).rejects.toThrow();

    const valid = await askForEid(['holder_name', 'outcome'], [issuerDid], 'debt-collection-extract');
    await wallet.present(valid.deepLink);
    expect((await outcome(valid.id)).state).toBe('SUCCESS');

    const revoked = await json(
      await fetch(
        `${base}/management/api/credentials/${offer.management_id}/status?credentialStatus=REVOKED`,
        {
          method: 'PATCH',
        },
      ),
    );
    expect(revoked.status).toBe('REVOKED');
    const after = await askForEid(['holder_name'], [issuerDid], 'debt-collection-extract');
    await wallet.present(after.deepLink);
    expect(((await outcome(after.id)).wallet_response as { error_code: string }).error_code).toBe(
      'credential_revoked',
    );
  });
});
