import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  createService,
  demoCatalogue,
  publishVersion,
  type ServiceContent,
} from '../../../src/modules/catalogue/index.ts';
import { type DocumentVault, publishDocument } from '../../../src/modules/documents/index.ts';
import type { Db } from '../../../src/platform/database/database.ts';
import type { PersonActor } from '../../../src/platform/http/access.ts';
import { createRequestForm, openRequest } from '../../support/requests.ts';

/**
 * The citizen's objects of a form whose service asks for a high level, above the cast's substantial
 * logins: a draft, a request with its submission, and a document that asks that level (as its receipt
 * would). Their holder is sent to step up, or refused where a step-up cannot be followed (a post, a
 * page's image): what was sent at a level is read at that level (ADR 31).
 */
export async function objectsAboveTheCastsLevel(
  db: Db,
  vault: DocumentVault,
  person: PersonActor,
  authorityId: string,
  secret: string,
) {
  const form = await createRequestForm(db, authorityId, 'High level form');
  const service = await createService(db, 'test', {
    authorityId,
    // Last by slug: the matrix's service of each authority stays the one it was.
    slug: `zz-security-high-${randomUUID().slice(0, 8)}`,
    content: { ...(demoCatalogue[0]?.content as ServiceContent), formId: form.id, level: 'high' },
  });
  await publishVersion(db, 'test', service, 1);
  const { rows } = await sql<{ id: string }>`
    insert into form_drafts (form_id, version, account_id, person_id, answers)
    values (${form.id}, 1, ${person.account.id}, ${person.id}, ${JSON.stringify({ purpose: secret })}::jsonb)
    returning id`.execute(db);
  const request = await openRequest(db, person, form.id, { purpose: secret });
  const { document } = await publishDocument(vault, {
    accountId: person.account.id,
    authorityId,
    title: secret,
    category: 'correspondence',
    theme: null,
    message: null,
    filename: 'receipt.pdf',
    bytes: Buffer.from(`%PDF-1.4\n% ${secret}\n%%EOF\n`),
    idempotencyKey: `security-high-${person.id}`,
    publishedBy: 'test',
    level: 'high',
  });
  return {
    aboveLevelDraft: rows[0]?.id ?? '',
    aboveLevelRequest: request.id,
    aboveLevelSubmission: request.submission_id,
    aboveLevelDocument: document.id,
  };
}
