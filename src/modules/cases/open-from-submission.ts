import { type AuditEvent, audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { emitEvent } from '../../platform/events/emit-event.ts';
import { getForm, getSubmissionOfAccount, getVersion } from '../forms/index.ts';
import { type Case, recordEvent, requestEvent } from './cases.ts';
import { followAutomaticTransitions, onEntering } from './move-request.ts';
import type { CasesTables } from './tables.ts';
import { workflowFor } from './workflow-store.ts';

const tables = (db: Db) => tablesOf<CasesTables>(db);

/** Opens the request of a submission, once: a job retried after a crash finds the first. */
export async function openFromSubmission(
  db: Db,
  accountId: string,
  submissionId: string,
): Promise<Case | undefined> {
  const submission = await getSubmissionOfAccount(db, accountId, submissionId);
  if (!submission) return undefined;
  const form = await getForm(db, submission.formId);
  const version = form && (await getVersion(db, form, submission.version));
  if (!form || !version) throw new Error(`Form of submission ${submissionId} is missing`);
  const opened = await audited(
    db,
    (result: { created?: Case; item?: Case }): AuditEvent => ({
      actor: `person:${submission.personId}`,
      action: result.created ? 'case.open' : 'case.open.again',
      subjectType: 'case',
      subjectId: result.item?.id ?? submissionId,
      authorityId: form.authorityId,
      details: { submissionId },
    }),
    async (tx) => {
      const created = await tables(tx)
        .insertInto('cases')
        .values({
          reference: submission.reference,
          authority_id: form.authorityId,
          form_id: form.id,
          form_version: submission.version,
          submission_id: submission.id,
          title: version.definition.title,
          account_id: submission.accountId,
          person_id: submission.personId,
          mandate_id: submission.mandateId,
          level: submission.level,
          answers: submission.answers,
          status: (await workflowFor(tx, form.id)).initial,
          assignee_person_id: null,
        } as never)
        .onConflict((oc) => oc.column('submission_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (created) {
        await recordEvent(
          tx,
          created,
          { ref: `person:${submission.personId}`, name: '' },
          { kind: 'status', to_status: created.status },
        );
        await emitEvent(tx, requestEvent('request.submitted', created));
        // What the first status asks for (a fee to pay on submission, a webhook) happens as for any other.
        await onEntering(tx, created, await workflowFor(tx, form.id), created.status, false);
      }
      const item =
        created ??
        (await tables(tx)
          .selectFrom('cases')
          .selectAll()
          .where('submission_id', '=', submissionId)
          .executeTakeFirst());
      return { created, item };
    },
  );
  // Rules of the workflow may move a new request on at once (e.g. straight to processing when urgent).
  if (opened.created) await followAutomaticTransitions(db, opened.created);
  return opened.item;
}
