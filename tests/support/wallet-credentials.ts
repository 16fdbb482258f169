import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { readQrImage } from '../../src/modules/signing/index.ts';
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
