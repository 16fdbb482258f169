import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  createService,
  demoCatalogue,
  publishVersion,
  type ServiceContent,
} from '../../../src/modules/catalogue/index.ts';
import type { Db } from '../../../src/platform/database/database.ts';
import type { PersonActor } from '../../../src/platform/http/access.ts';
import { createRequestForm } from '../../support/requests.ts';

/**
 * A draft of the citizen's in a form whose service asks for a high level, above the cast's substantial
 * logins: its holder is sent to step up, or refused where a step-up cannot be followed (a page's image).
 */
export async function draftAboveTheCastsLevel(
  db: Db,
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
  return rows[0]?.id ?? '';
}
