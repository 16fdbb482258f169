import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type AuditEvent, audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { type Form, formEngine, getForm, getVersion } from '../forms/index.ts';
import { notify } from '../notifications/index.ts';
import { cancelUnpaid, requestPayment } from '../payments/index.ts';
import {
  type Case,
  type CaseActor,
  RequestChangedError,
  recordEvent,
  type StatusEvent,
  systemActor,
} from './cases.ts';
import type { CasesTables } from './tables.ts';
import type { Workflow } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

const tables = (db: Db) => tablesOf<CasesTables>(db);

/**
 * Moves a request to `to`, recording why, and tells the requester when the status says so. It moves
 * only if it is still at the version `seenVersion` (the one the actor saw), else `RequestChangedError`.
 */
export async function moveTo(
  db: Db,
  target: Case,
  actor: CaseActor,
  to: string,
  event: StatusEvent = { kind: 'status' },
  seenVersion = target.version,
): Promise<void> {
  const workflow = await workflowFor(db, target.form_id);
  const moved = await audited(db, statusAudit(target, actor, to), (tx) =>
    changeStatus(tx, target, actor, to, workflow, event, seenVersion),
  );
  await followAutomaticTransitions(db, moved);
}

/** Automatic transitions: a rule on the answers may move the request on at once (a few hops at most). */
export async function followAutomaticTransitions(db: Db, target: Case): Promise<void> {
  let current = target;
  for (let hop = 0; hop < 5; hop++) {
    const workflow = await workflowFor(db, current.form_id);
    const next = workflow.transitions.find(
      (t) => t.from === current.status && t.auto !== undefined && formEngine.holds(t.auto, current.answers),
    );
    if (!next) return;
    const from = current;
    try {
      current = await audited(db, statusAudit(from, systemActor, next.to), (tx) =>
        changeStatus(tx, from, systemActor, next.to, workflow, { kind: 'status' }, from.version),
      );
    } catch (error) {
      // Someone moved it meanwhile: what they did stands (and follows its own rules); the move that
      // brought the request here is done and must not be reported as refused.
      if (error instanceof RequestChangedError) return;
      throw error;
    }
  }
}

export const statusAudit = (target: Case, actor: CaseActor, to: string): AuditEvent => ({
  actor: actor.ref,
  action: 'case.status',
  subjectType: 'case',
  subjectId: target.id,
  authorityId: target.authority_id,
  details: { from: target.status, to },
});

/**
 * In the caller's transaction: the status change, its event on the timeline and what entering the
 * status does (fee, letter, webhook, telling the requester). Nobody else may have changed the
 * request since `seenVersion`: the update names it, so two clerks acting at once cannot both win.
 */
export async function changeStatus(
  tx: Db,
  target: Case,
  actor: CaseActor,
  to: string,
  workflow: Workflow,
  event: StatusEvent,
  seenVersion: number,
): Promise<Case> {
  const moved = await tables(tx)
    .updateTable('cases')
    .set((eb) => ({ status: to, status_changed_at: sql`now()`, version: eb('version', '+', 1) }))
    .where('id', '=', target.id)
    .where('status', '=', target.status)
    .where('version', '=', seenVersion)
    .returningAll()
    .executeTakeFirst();
  if (!moved) throw new RequestChangedError(target.id);
  await recordEvent(tx, target, actor, { ...event, from_status: target.status, to_status: to });
  await onEntering(tx, target, workflow, to, true);
  return moved;
}

/** The request's answers with what its form computes from them (a fee from a number of dogs). */
async function answersWithComputed(
  db: Db,
  form: Form | undefined,
  target: Case,
): Promise<Record<string, unknown>> {
  const version = form && (await getVersion(db, form, target.form_version));
  return version ? formEngine.withComputed(version.definition, target.answers) : target.answers;
}

/** What a status does when a request enters it, in the transaction that moves it there. */
export async function onEntering(
  tx: Db,
  target: Case,
  workflow: Workflow,
  to: string,
  tell: boolean,
): Promise<void> {
  const status = workflow.statuses[to];
  if (!status) throw new Error(`Unknown status ${to}`);
  if (status.letter)
    await enqueue(tx, 'cases:generate-letter', { caseId: target.id, status: to, eventId: randomUUID() });
  if (status.webhook && workflow.webhookUrl)
    await enqueue(tx, 'cases:call-webhook', { caseId: target.id, status: to, eventId: randomUUID() });
  if (status.payment) {
    const { amountField, amountCents } = status.payment;
    const form = await getForm(tx, target.form_id);
    // A computation that failed leaves no value (null): not a zero.
    const computed = amountField ? (await answersWithComputed(tx, form, target))[amountField] : undefined;
    const fee = amountField
      ? typeof computed === 'number'
        ? Math.round(computed * 100)
        : Number.NaN
      : (amountCents ?? 0);
    const settled = { caseId: target.id, status: to };
    // Nothing to pay (an exemption the form computed): the request moves on as if paid. An amount
    // that cannot be read is no exemption: the request waits, with a note for its staff.
    if (fee === 0) await enqueue(tx, 'cases:payment-settled', settled);
    else if (!Number.isFinite(fee) || fee < 0)
      await recordEvent(tx, target, systemActor, { kind: 'feeUnknown', internal: true });
    else {
      const payment = await requestPayment(tx, {
        theme: form?.theme,
        authorityId: target.authority_id,
        accountId: target.account_id,
        purpose: status.payment.purpose,
        reference: target.reference,
        amountCents: fee,
        source: `case:${target.id}:${randomUUID()}`,
        link: `/requests/${target.id}`,
        onSettled: { job: 'cases:payment-settled', payload: settled },
      });
      await recordEvent(tx, target, systemActor, { kind: 'payment', text: String(payment.amount_cents) });
    }
    // Another authority's fee in the same step is asked by it and paid to it, never to this one.
    for (const other of Number.isFinite(fee) && fee >= 0 ? (status.payment.otherFees ?? []) : []) {
      const authority = await getAuthorityBySlug(tx, other.authority);
      if (!authority) throw new Error(`Unknown authority ${other.authority} for a fee of ${target.id}`);
      await requestPayment(tx, {
        theme: form?.theme,
        authorityId: authority.id,
        accountId: target.account_id,
        purpose: other.purpose,
        reference: target.reference,
        amountCents: other.amountCents,
        source: `case:${target.id}:${randomUUID()}`,
        link: `/requests/${target.id}`,
        onSettled: { job: 'cases:payment-settled', payload: settled },
      });
    }
  }
  // A request that ends leaves nothing to pay: fees still open are cancelled.
  if (status.final) await cancelUnpaid(tx, `case:${target.id}:`);
  if (status.notify && tell)
    await notify(tx, {
      event: 'requestStatus',
      accountId: target.account_id,
      authorityId: target.authority_id,
      link: `/requests/${target.id}`,
      reference: target.reference,
      source: `case:${target.id}:${to}:${Date.now()}`,
    });
}
