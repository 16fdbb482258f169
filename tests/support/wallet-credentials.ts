import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import {
  enableWalletCredential,
  issueDocument,
  issuingContextOf,
  readQrImage,
} from '../../src/modules/signing/index.ts';
import type { createTestApp } from './test-app.ts';

type TestApp = Pick<Awaited<ReturnType<typeof createTestApp>>, 'database' | 'jobs'>;

/** Runs the wallet credentials' waiting jobs (offer, revocation) as the worker would, once each. */
export async function runCredentialJobs(testApp: TestApp): Promise<void> {
  const { rows } = await sql<{ id: string; identifier: string; payload: { credentialId: string } }>`
    select j.id, t.identifier, j.payload
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier in ('signing:offer-credential', 'signing:revoke-credential')`.execute(
    testApp.database.db,
  );
  for (const job of rows) {
    await testApp.jobs[job.identifier as 'signing:offer-credential']?.(job.payload, {} as never);
    await sql`delete from graphile_worker._private_jobs where id = ${job.id}`.execute(testApp.database.db);
  }
}

/** Reads a QR code as a phone's camera would: a screenshot of the element, decoded from its pixels. */
export async function scanQrCode(page: Page, name: string | RegExp): Promise<string> {
  return readQrImage(await page.getByRole('img', { name }).screenshot());
}

/**
 * `count` extracts of the debt enforcement office (spf) issued to the account, each into the wallet
 * too (the hook of the one issuing function records its credential, pending until its job offers it);
 * left unsealed, which the credentials do not wait for. Their serials, in the order issued.
 */
export async function issueWalletCredentials(
  testApp: Pick<Awaited<ReturnType<typeof createTestApp>>, 'platform' | 'database'>,
  accountId: string,
  count: number,
): Promise<string[]> {
  const { db } = testApp.database;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  await enableWalletCredential(db, {
    authorityId: spf,
    issuedType: 'extract',
    configurationId: 'debt-collection-extract',
    actor: 'person:test',
  });
  const context = await issuingContextOf(testApp.platform);
  const serials: string[] = [];
  for (let i = 0; i < count; i++) {
    const { serial } = await db.transaction().execute((tx) =>
      issueDocument(
        context,
        {
          type: 'extract',
          authorityId: spf,
          accountId,
          subject: { kind: 'person', name: 'Léa Favre' },
          language: 'fr',
          content: { title: `Extrait n° ${i + 1}`, recipient: 'Léa Favre', paragraphs: [], sections: [] },
          verifierFields: { n: 'Léa Favre', b: '1988-03-14' },
          validUntil: new Date(Date.now() + 90 * 86_400_000),
          category: 'extract',
          filename: 'extrait.pdf',
          idempotencyKey: `wallet-${accountId}-${i}`,
          issuedBy: 'system',
        },
        tx,
      ),
    );
    serials.push(serial);
  }
  return serials;
}
