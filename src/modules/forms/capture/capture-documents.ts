import { sql } from 'kysely';
import { auditedTx } from '../../../platform/audit/audit.ts';
import type { MasterKey } from '../../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import { storeFile } from '../drafts.ts';
import type { AttachedDocument } from '../fields/document/document-kinds.ts';
import type { FormsTables } from '../tables.ts';
import { clearPages, type PageScope, readAllPages } from './capture-pages.ts';
import { type Capture, closeCapture } from './capture-tokens.ts';
import { pdfInWorker } from './image-thread.ts';

const tables = (db: Db) => tablesOf<FormsTables>(db);

export type MadeDocument = AttachedDocument | 'noPages' | 'tooManyPages';

/**
 * The pages waiting in a scope made into one PDF (in the worker thread), stored sealed with the draft,
 * and the pages removed: the document, or why none was made.
 */
export async function makeDocument(
  db: Db,
  keys: MasterKey[],
  scope: PageScope,
  options: { name: string; maxPages: number },
): Promise<MadeDocument> {
  const pages = await readAllPages(db, keys, scope);
  if (pages.length === 0) return 'noPages';
  if (pages.length > options.maxPages) return 'tooManyPages';
  const pdf = await pdfInWorker(pages, options.name.replace(/\.pdf$/, ''));
  // Stored first, pages cleared after: a failure in between leaves pages to send again, never a
  // document without its pages' content.
  const stored = await storeFile(db, keys, scope.draftId, {
    name: options.name,
    mime: 'application/pdf',
    bytes: pdf,
    // Made here from pixels decoded and encoded again: none of the bytes sent is in it.
    scan: 'clean',
  });
  await clearPages(
    db,
    scope,
    pages.map((page) => page.id),
  );
  return { ...stored, type: 'application/pdf' as const, pages: pages.length };
}

/**
 * A phone's pages sent: made into one PDF and attached to the draft's field (added to the documents,
 * or in place of the one document), and the capture closed so that its link is refused from now on.
 * The answer is changed in place in the database, so that a step saved meanwhile on the computer
 * loses nothing. Audited: a device that is not logged in changed a person's draft.
 */
export async function sendFromPhone(
  db: Db,
  keys: MasterKey[],
  capture: Capture,
  options: { name: string; maxPages: number; multiple: boolean },
): Promise<MadeDocument | 'closed'> {
  const scope = { draftId: capture.draftId, fieldId: capture.fieldId, captureId: capture.id };
  const made = await makeDocument(db, keys, scope, options);
  if (typeof made === 'string') return made;
  const draft = await tables(db)
    .selectFrom('form_drafts')
    .select(['person_id', 'account_id'])
    .where('id', '=', capture.draftId)
    .executeTakeFirstOrThrow();
  const event = {
    actor: `person:${draft.person_id}`,
    action: 'form.document-from-phone',
    subjectType: 'draft',
    subjectId: capture.draftId,
    details: { field: capture.fieldId, capture: capture.id, file: made.fileId, pages: made.pages },
  };
  return db.transaction().execute((tx) =>
    auditedTx(tx, event, async (t): Promise<MadeDocument | 'closed'> => {
      // Two sends racing: the second finds the capture closed and attaches nothing.
      if (!(await closeCapture(t, capture.id))) return 'closed';
      const document = JSON.stringify([made]);
      const field = capture.fieldId;
      await sql`
        update form_drafts
        set answers = jsonb_set(answers, array[${field}::text],
              ${options.multiple ? sql`coalesce(answers -> ${field}, '[]'::jsonb) || ${document}::jsonb` : sql`${document}::jsonb`}),
            updated_at = now()
        where id = ${capture.draftId} and submitted_at is null`.execute(t);
      return made;
    }),
  );
}
