import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { type AuditEvent, audited } from '../../platform/audit/audit.ts';
import { type Db, escapeLike, tablesOf } from '../../platform/database/database.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { type Form, formEngine, getForm, getSubmission, getVersion } from '../forms/index.ts';
import { notify } from '../notifications/index.ts';
import { cancelUnpaid, requestPayment } from '../payments/index.ts';
import { getCaseForJob } from './get-case.ts';
import type { CasesTables } from './tables.ts';
import { defaultWorkflow, type Workflow } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

export type Case = Selectable<CasesTables['cases']>;
export type CaseEvent = Selectable<CasesTables['case_events']>;

const tables = (db: Db) => tablesOf<CasesTables>(db);

/** Who does something to a request: a person (with their name, for the timeline) or the platform. */
export interface CaseActor {
  ref: string;
  name: string;
}

export const systemActor: CaseActor = { ref: 'system', name: 'Guichet' };

/** Opens the request of a submission, once: a job retried after a crash finds the first. */
export async function openFromSubmission(db: Db, submissionId: string): Promise<Case | undefined> {
  const submission = await getSubmission(db, submissionId);
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
        await record(
          tx,
          created,
          { ref: `person:${submission.personId}`, name: '' },
          { kind: 'status', to_status: created.status },
        );
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

async function record(
  tx: Db,
  target: Case,
  actor: CaseActor,
  event: {
    kind: CaseEvent['kind'];
    from_status?: string;
    to_status?: string;
    text?: string;
    internal?: boolean;
    document_id?: string;
  },
) {
  await tables(tx)
    .insertInto('case_events')
    .values({
      case_id: target.id,
      actor: actor.ref,
      actor_name: actor.name,
      kind: event.kind,
      from_status: event.from_status ?? null,
      to_status: event.to_status ?? null,
      text: event.text ?? null,
      internal: event.internal ?? false,
      document_id: event.document_id ?? null,
    })
    .execute();
}

export async function listEvents(db: Db, caseId: string, includeInternal: boolean): Promise<CaseEvent[]> {
  return tables(db)
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .$if(!includeInternal, (q) => q.where('internal', '=', false))
    .orderBy('id')
    .execute();
}

export interface InboxFilter {
  status?: string;
  assignee?: string | 'none';
  formId?: string;
  query?: string;
  /** Submitted on or after / before, as ISO dates. */
  from?: string;
  to?: string;
  overdue?: boolean;
  sort?: 'newest' | 'oldest' | 'due';
  page: number;
  pageSize: number;
}

/** Statuses in which a request is still waiting for the authority's decision. */
const undecided = Object.entries(defaultWorkflow.statuses)
  .filter(([id, s]) => !s.final && id !== 'granted' && id !== 'refused')
  .map(([id]) => id);

/** An authority's requests, filtered, newest first, a page at a time. */
export async function listInbox(db: Db, authorityId: string, filter: InboxFilter) {
  let query = tables(db).selectFrom('cases').where('authority_id', '=', authorityId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.assignee === 'none') query = query.where('assignee_person_id', 'is', null);
  else if (filter.assignee) query = query.where('assignee_person_id', '=', filter.assignee);
  if (filter.query) {
    const like = `%${escapeLike(filter.query)}%`;
    query = query.where((eb) =>
      eb.or([eb('reference', 'ilike', like), eb(sql`answers::text`, 'ilike', like)]),
    );
  }
  if (filter.formId) query = query.where('form_id', '=', filter.formId);
  if (filter.from) query = query.where('created_at', '>=', new Date(`${filter.from}T00:00:00Z`));
  if (filter.to)
    query = query.where(
      'created_at',
      '<',
      new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000),
    );
  if (filter.overdue) query = query.where('due_at', '<', new Date()).where('status', 'in', undecided);
  const total = Number(
    (await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await query
    .selectAll()
    .orderBy(
      filter.sort === 'due' ? 'due_at' : 'created_at',
      filter.sort === 'newest' || !filter.sort ? 'desc' : 'asc',
    )
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total, rows };
}

export async function listForAccount(db: Db, accountId: string): Promise<Case[]> {
  return tables(db)
    .selectFrom('cases')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** What the timeline records of a move: why (a plain status change, a complement, a decision…). */
type StatusEvent = { kind: CaseEvent['kind']; text?: string; document_id?: string };

/** Someone else changed the request since it was read: the change asked is not made. */
export class RequestChangedError extends Error {
  constructor(readonly caseId: string) {
    super('request_changed');
  }
}

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
    current = await audited(db, statusAudit(from, systemActor, next.to), (tx) =>
      changeStatus(tx, from, systemActor, next.to, workflow, { kind: 'status' }, from.version),
    );
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
  await record(tx, target, actor, { ...event, from_status: target.status, to_status: to });
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
async function onEntering(
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
      await record(tx, target, systemActor, { kind: 'feeUnknown', internal: true });
    else {
      const payment = await requestPayment(tx, {
        theme: form?.theme,
        authorityId: target.authority_id,
        accountId: target.account_id,
        purpose: status.payment.purpose,
        amountCents: fee,
        source: `case:${target.id}:${randomUUID()}`,
        link: `/requests/${target.id}`,
        onSettled: { job: 'cases:payment-settled', payload: settled },
      });
      await record(tx, target, systemActor, { kind: 'payment', text: String(payment.amount_cents) });
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
      source: `case:${target.id}:${to}:${Date.now()}`,
    });
}

export async function assign(db: Db, target: Case, actor: CaseActor, personId: string | null): Promise<void> {
  await audited(
    db,
    {
      actor: actor.ref,
      action: 'case.assign',
      subjectType: 'case',
      subjectId: target.id,
      authorityId: target.authority_id,
      details: { personId },
    },
    async (tx) => {
      await tables(tx)
        .updateTable('cases')
        .set({ assignee_person_id: personId })
        .where('id', '=', target.id)
        .execute();
      await record(tx, target, actor, { kind: 'assign', text: actor.name, internal: true });
    },
  );
}

export async function addEvent(
  db: Db,
  target: Case,
  actor: CaseActor,
  event: { kind: 'note' | 'message'; text: string; internal: boolean; document_id?: string },
  tellRequester = false,
): Promise<void> {
  const audit: AuditEvent = {
    actor: actor.ref,
    action: event.kind === 'note' ? 'case.note' : 'case.message',
    subjectType: 'case',
    subjectId: target.id,
    authorityId: target.authority_id,
    details: { documentId: event.document_id ?? null },
  };
  await audited(db, audit, async (tx) => {
    await record(tx, target, actor, event);
    if (tellRequester)
      await notify(tx, {
        event: 'newMessage',
        accountId: target.account_id,
        authorityId: target.authority_id,
        link: `/requests/${target.id}`,
        source: `case:${target.id}:message:${Date.now()}`,
      });
  });
}

/** Requests whose status timed out move on by themselves; `now` is a parameter so tests set the clock. */
export async function applyTimeouts(db: Db, now = new Date()): Promise<number> {
  let moved = 0;
  const forms = await tables(db).selectFrom('cases').select('form_id').distinct().execute();
  for (const { form_id } of forms) {
    const workflow = await workflowFor(db, form_id);
    for (const [status, definition] of Object.entries(workflow.statuses)) {
      if (!definition.timeout) continue;
      const due = await tables(db)
        .selectFrom('cases')
        .selectAll()
        .where('form_id', '=', form_id)
        .where('status', '=', status)
        .where('status_changed_at', '<', new Date(now.getTime() - definition.timeout.days * 86_400_000))
        .execute();
      for (const target of due) {
        await moveTo(db, target, systemActor, definition.timeout.to, {
          kind: 'status',
          text: `timeout:${definition.timeout.days}`,
        });
        moved += 1;
      }
    }
  }
  return moved;
}

/** A fee a status asked for is paid: the request moves on, if it still waits in that status. */
export async function paymentSettled(db: Db, job: { caseId: string; status: string }): Promise<void> {
  const target = await getCaseForJob(db, job.caseId);
  if (!target) return;
  const paidTo = (await workflowFor(db, target.form_id)).statuses[job.status]?.payment?.paidTo;
  if (target.status === job.status && paidTo) await moveTo(db, target, systemActor, paidTo, { kind: 'paid' });
  else
    await audited(db, { ...statusAudit(target, systemActor, target.status), action: 'case.paid' }, (tx) =>
      record(tx, target, systemActor, { kind: 'paid' }),
    );
}
