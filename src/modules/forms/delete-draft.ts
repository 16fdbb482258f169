import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';

/**
 * Deletes an unfinished draft and everything it holds: its answers, its files and the pages captured
 * for it (sealed at rest in `form_files`, `form_capture_pages`, with their capture links in
 * `form_capture_tokens`, all removed with the draft by their foreign keys, so in the same statement).
 * A draft already sent is a submission and stays: the `submitted_at is null` condition is checked under
 * the row's lock, so a send committed meanwhile wins and this answers `'sent'`.
 */
export async function deleteDraft(
  db: Db,
  draft: { id: string; accountId: string; personId: string },
  by: { personId: string },
): Promise<'deleted' | 'sent'> {
  return audited(
    db,
    (deleted: boolean) => ({
      actor: `person:${by.personId}`,
      action: deleted ? 'form.draft.delete' : 'form.draft.delete.refused',
      subjectType: 'form-draft',
      subjectId: draft.id,
    }),
    async (tx) => {
      const { rows } = await sql<{ id: string }>`
        delete from form_drafts
         where id = ${draft.id} and account_id = ${draft.accountId} and person_id = ${draft.personId}
           and submitted_at is null
        returning id`.execute(tx);
      return rows.length > 0;
    },
  ).then((deleted) => (deleted ? 'deleted' : 'sent'));
}
