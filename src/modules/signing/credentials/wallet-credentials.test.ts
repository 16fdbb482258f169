import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../../tests/support/factories.ts';
import { issueSealedExtract } from '../../../../tests/support/issued-documents.ts';
import { serveTestApp } from '../../../../tests/support/serve-test-app.ts';
import { issuerDid } from '../../../simulators/swiyu-issuer/keys.ts';
import { SimulatedWallet } from '../../../simulators/swiyu-wallet/index.ts';
import { getAuthorityBySlug } from '../../authorities/index.ts';
import { issuedDocumentBySerial } from '../index.ts';
import { revokeIssuedDocument } from '../issuing/register.ts';
import { enableWalletCredential, listWalletCredentials } from './wallet-credentials.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
beforeAll(async () => {
  server = await serveTestApp();
});
afterAll(() => server?.close());

/** Runs the wallet credentials' jobs waiting in the queue, as the worker would. */
async function runCredentialJobs() {
  const { rows } = await sql<{ id: string; identifier: string; payload: { credentialId: string } }>`
    select j.id, t.identifier, j.payload
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier in ('signing:offer-credential', 'signing:revoke-credential')`.execute(
    server.database.db,
  );
  for (const job of rows) {
    await server.jobs[job.identifier as 'signing:offer-credential']?.(job.payload, {} as never);
    await sql`delete from graphile_worker._private_jobs where id = ${job.id}`.execute(server.database.db);
  }
}

async function verifyThroughSimulator(wallet: SimulatedWallet) {
  const created = (await (
    await fetch(`${server.url}/simulators/swiyu-verifier/management/api/verifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        accepted_issuer_dids: [issuerDid],
        dcql_query: {
          credentials: [
            {
              id: 'extract',
              format: 'dc+sd-jwt',
              meta: { vct_values: ['debt-collection-extract'] },
              claims: [{ path: ['serial'] }, { path: ['holder_name'] }],
            },
          ],
        },
      }),
    })
  ).json()) as { id: string; verification_deeplink: string };
  await wallet.present(created.verification_deeplink);
  return (await (
    await fetch(`${server.url}/simulators/swiyu-verifier/management/api/verifications/${created.id}`)
  ).json()) as { state: string; wallet_response: Record<string, unknown> };
}

describe('wallet credentials beside issued documents', () => {
  it('offers nothing for a type the authority does not issue into the wallet', async () => {
    const { db } = server.database;
    const scc = (await getAuthorityBySlug(db, 'scc'))?.id ?? '';
    const citizen = await createCitizen(db, { givenNames: 'Paul', familyName: 'Roten' });
    await issueSealedExtract(server, { authorityId: scc, accountId: citizen.account.id, key: 'none' });
    expect(await listWalletCredentials(db, citizen.account.id)).toEqual([]);
  });

  it('issues the configured type into the wallet, verifiable until the authority revokes the document', async () => {
    const { db } = server.database;
    const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    await enableWalletCredential(db, {
      authorityId: spf,
      issuedType: 'extract',
      configurationId: 'debt-collection-extract',
      actor: 'person:test',
    });
    const citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Favre' });
    const { serial } = await issueSealedExtract(server, {
      authorityId: spf,
      accountId: citizen.account.id,
      key: 'w1',
    });
    expect((await listWalletCredentials(db, citizen.account.id))[0]?.state).toBe('pending');
    await runCredentialJobs();
    const [credential] = await listWalletCredentials(db, citizen.account.id);
    expect(credential).toMatchObject({ state: 'offered', serial });
    expect(credential?.offerDeeplink).toMatch(/^swiyu:\/\/\?credential_offer=/);

    const wallet = await SimulatedWallet.create(server.url);
    await wallet.acceptOffer(credential?.offerDeeplink ?? '');
    const valid = await verifyThroughSimulator(wallet);
    expect(valid.state).toBe('SUCCESS');
    expect(valid.wallet_response.credential_subject_data).toMatchObject({ serial, holder_name: 'Léa Favre' });

    await revokeIssuedDocument(db, {
      authorityId: spf,
      serial,
      reason: 'Issued in error',
      actor: 'person:admin',
    });
    await runCredentialJobs();
    expect((await listWalletCredentials(db, citizen.account.id))[0]?.state).toBe('revoked');
    const refused = await verifyThroughSimulator(wallet);
    expect(refused.state).toBe('FAILED');
    expect(refused.wallet_response.error_code).toBe('credential_revoked');
    // The paper copy's QR code leads to the same register, which says revoked.
    expect((await issuedDocumentBySerial(db, serial))?.status).toBe('revoked');
  });
});
