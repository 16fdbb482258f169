import { audited } from '../../platform/audit/audit.ts';
import { tablesOf } from '../../platform/database/database.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { type DocumentCategory, publishDocument } from '../documents/index.ts';
import { type IssuingContext, issueDocument } from '../signing/index.ts';
import { type Case, type CaseActor, RequestChangedError } from './cases.ts';
import type { LetterIssuance } from './letter.ts';
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
  /** The decision the clerk uploaded, published as it is … */
  file?: { name: string; bytes: Buffer };
  /** … or the letter they chose, issued by Guichet (sealed, with its QR code). */
  letter?: LetterIssuance;
  /**
   * The status whose letter the decision was made from (see `decisionLetter`): entering that status
   * does not send the same letter a second time.
   */
  fromLetterOf?: string;
  /** What the issued letter is filed as in the requester's documents (an extract keeps for a year); a decision by default. */
  category?: DocumentCategory;
}

/**
 * Decides a request: the decision is published into the requester's documents, the request moves to
 * its outcome and the requester is told — in one transaction, so a crash or a refusal at any point
 * leaves none of it. When someone else changed the request since the clerk saw it, nothing happens
 * and `RequestChangedError` says so (the clerk decided on what they no longer see).
 *
 * @example await decideRequest(context, { item, seenVersion: 3, actor, outcome: 'granted', file })
 */
export async function decideRequest(context: IssuingContext, decision: RequestDecision): Promise<Case> {
  const { item, seenVersion, actor, outcome, file, letter } = decision;
  if (!file === !letter) throw new Error('A decision is either an uploaded file or a letter');
  const to = actionStatuses[outcome];
  const designed = await workflowFor(context.db, item.form_id);
  const entered = designed.statuses[to];
  const workflow =
    decision.fromLetterOf === to && entered
      ? { ...designed, statuses: { ...designed.statuses, [to]: { ...entered, letter: undefined } } }
      : designed;
  const moved = await audited(
    context.db,
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
      const title = `${pick(item.title, 'fr')} – ${item.reference}`.slice(0, 200);
      // A retried form publishes the decision once.
      const idempotencyKey = `decision:${item.id}`;
      const { document } = file
        ? await publishDocument(
            context.vault,
            {
              accountId: item.account_id,
              authorityId: item.authority_id,
              title,
              category: 'decision',
              theme: null,
              message: null,
              requestId: item.id,
              requestReference: item.reference,
              filename: file.name,
              bytes: file.bytes,
              idempotencyKey,
              publishedBy: actor.ref,
            },
            new Date(),
            tx,
          )
        : await issueDocument(
            context,
            {
              ...(letter as LetterIssuance),
              category: decision.category ?? 'decision',
              idempotencyKey,
              issuedBy: actor.ref,
            },
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
  await followAutomaticTransitions(context.db, moved);
  return moved;
}
