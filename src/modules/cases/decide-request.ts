import { audited } from '../../platform/audit/audit.ts';
import { tablesOf } from '../../platform/database/database.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { type DocumentVault, publishDocument } from '../documents/index.ts';
import { type Case, type CaseActor, RequestChangedError } from './cases.ts';
import { changeStatus, followAutomaticTransitions, statusAudit } from './move-request.ts';
import type { CasesTables } from './tables.ts';
import { actionStatuses } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

export interface RequestDecision {
  item: Case;
  /** The version of the request the clerk decided on (the one their page showed). */
  seenVersion: number;
  actor: CaseActor;
  outcome: 'granted' | 'refused';
  file: { name: string; bytes: Buffer };
  /**
   * The status whose letter the decision was made from (see `decisionLetter`): entering that status
   * does not send the same letter a second time.
   */
  fromLetterOf?: string;
}

/**
 * Decides a request: the decision is published into the requester's documents, the request moves to
 * its outcome and the requester is told — in one transaction, so a crash or a refusal at any point
 * leaves none of it. When someone else changed the request since the clerk saw it, nothing happens
 * and `RequestChangedError` says so (the clerk decided on what they no longer see).
 *
 * @example await decideRequest(vault, { item, seenVersion: 3, actor, outcome: 'granted', file })
 */
export async function decideRequest(vault: DocumentVault, decision: RequestDecision): Promise<Case> {
  const { item, seenVersion, actor, outcome, file } = decision;
  const to = actionStatuses[outcome];
  const designed = await workflowFor(vault.db, item.form_id);
  const entered = designed.statuses[to];
  const workflow =
    decision.fromLetterOf === to && entered
      ? { ...designed, statuses: { ...designed.statuses, [to]: { ...entered, letter: undefined } } }
      : designed;
  const moved = await audited(
    vault.db,
    { ...statusAudit(item, actor, to), action: 'case.decide', details: { from: item.status, to } },
    async (tx) => {
      // The request is locked before anything is published: a clerk who lost the race publishes nothing.
      const current = await tablesOf<CasesTables>(tx)
        .selectFrom('cases')
        .select(['status', 'version'])
        .where('id', '=', item.id)
        .forUpdate()
        .executeTakeFirst();
      if (current?.status !== item.status || current.version !== seenVersion)
        throw new RequestChangedError(item.id);
      const { document } = await publishDocument(
        vault,
        {
          accountId: item.account_id,
          authorityId: item.authority_id,
          title: `${pick(item.title, 'fr')} – ${item.reference}`.slice(0, 200),
          category: 'decision',
          theme: null,
          message: null,
          requestId: item.id,
          requestReference: item.reference,
          filename: file.name,
          bytes: file.bytes,
          // A retried form publishes the decision once.
          idempotencyKey: `decision:${item.id}`,
          publishedBy: actor.ref,
        },
        new Date(),
        tx,
      );
      return changeStatus(
        tx,
        item,
        actor,
        to,
        workflow,
        { kind: 'decision', document_id: document.id },
        seenVersion,
      );
    },
  );
  await followAutomaticTransitions(vault.db, moved);
  return moved;
}
