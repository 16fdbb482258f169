import { sql } from 'kysely';
import { publishDocument, vaultOf } from '../../../src/modules/documents/index.ts';
import { openTicket } from '../../../src/modules/support/tickets.ts';
import type { PersonActor } from '../../../src/platform/http/access.ts';
import type { createTestApp } from '../../support/test-app.ts';
import type { ParamKind } from '../route-policy.ts';
import type { Cast, Owner } from './cast.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A letter `authorityId` still owes `person` by post (the document was not fetched online). */
export async function postalLetter(
  testApp: TestApp,
  person: PersonActor,
  authorityId: string,
  title: string,
) {
  const { document } = await publishDocument(await vaultOf(testApp.platform), {
    accountId: person.account.id,
    authorityId,
    title,
    category: 'decision',
    theme: null,
    message: null,
    filename: 'letter.pdf',
    bytes: Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`),
    idempotencyKey: crypto.randomUUID(),
    publishedBy: 'test',
  });
  await sql`insert into document_postal_fallbacks (document_id, authority_id)
    values (${document.id}, ${authorityId})`.execute(testApp.database.db);
  return document.id;
}

/** A question `person` asked `authorityId`'s desk. */
export async function deskTicket(
  testApp: TestApp,
  person: PersonActor,
  authorityId: string,
  subject: string,
) {
  const ticket = await openTicket(testApp.database.db, {
    kind: 'question',
    subject,
    body: subject,
    page: null,
    serviceSlug: null,
    requestReference: null,
    browser: null,
    language: 'fr',
    requester: { personId: person.id, accountId: person.account.id, name: subject },
    deskAuthorityId: authorityId,
  });
  return ticket.id;
}

/** A draft like the cast's draft of `owner` (same form, account and person), to be deleted. */
async function copiedDraft(cast: Cast, owner: Owner) {
  const { rows } = await sql<{ id: string }>`
    insert into form_drafts (form_id, version, account_id, person_id, answers)
    select form_id, version, account_id, person_id, answers from form_drafts where id = ${cast.objects[owner].draft ?? ''}
    returning id`.execute(cast.testApp.database.db);
  if (!rows[0]) throw new Error(`no draft of ${owner} to copy`);
  return rows[0].id;
}

/**
 * An object of its own for an allowed cell of a route that uses its object up or moves it (a letter
 * recorded as posted, a ticket handed over to another authority): the first allowed agent would
 * otherwise leave the next one nothing to act on, or the other cells a changed object. A's objects are
 * at X, B's at Y, as the cast's.
 */
export function freshObject(cast: Cast, kind: ParamKind, owner: Owner): Promise<string> {
  const person = owner === 'A' ? cast.people.citizenA : owner === 'B' ? cast.people.citizenB : undefined;
  const authorityId = owner === 'A' ? cast.authorities.X : cast.authorities.Y;
  if (!person) throw new Error(`no fresh ${kind} of ${owner}: only the citizens' objects are used up`);
  if (kind === 'postalDocument') return postalLetter(cast.testApp, person, authorityId, 'Fresh letter');
  if (kind === 'ticket') return deskTicket(cast.testApp, person, authorityId, 'Fresh question');
  if (kind === 'draft') return copiedDraft(cast, owner);
  throw new Error(`the matrix makes no fresh ${kind}`);
}
