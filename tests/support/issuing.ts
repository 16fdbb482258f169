import { sql } from 'kysely';
import type { createTestApp } from './test-app.ts';

type TestApp = Pick<Awaited<ReturnType<typeof createTestApp>>, 'database' | 'jobs'>;

/** Runs the sealing job of every document issued and not sealed yet, as the worker would. */
export async function sealPending(testApp: TestApp): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    select id from issued_documents where sealed_at is null`.execute(testApp.database.db);
  for (const { id } of rows) await testApp.jobs['signing:seal-issued']?.({ issuedId: id }, {} as never);
}

/** Issues and seals a submission's receipt, as the worker would moments after it was sent. */
export async function issueReceiptNow(testApp: TestApp, submissionId: string): Promise<void> {
  const { rows } = await sql<{ account_id: string }>`
    select account_id from form_submissions where id = ${submissionId}`.execute(testApp.database.db);
  const accountId = rows[0]?.account_id ?? '';
  await testApp.jobs['forms:issue-receipt']?.({ submissionId, accountId }, {} as never);
  await sealPending(testApp);
}
