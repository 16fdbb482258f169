import { type Selectable, sql } from 'kysely';
import { type AuditEvent, audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { OutboundEvent } from '../../platform/events/emit-event.ts';
import { notify } from '../notifications/index.ts';
import type { CasesTables } from './tables.ts';

export type Case = Selectable<CasesTables['cases']>;
export type CaseEvent = Selectable<CasesTables['case_events']>;

const tables = (db: Db) => tablesOf<CasesTables>(db);

/** Who does something to a request: a person (with their name, for the timeline) or the platform. */
export interface CaseActor {
  ref: string;
  name: string;
}

export const systemActor: CaseActor = { ref: 'system', name: 'Guichet' };

/**
 * A request's event for the authority's business applications: identifiers and the status only
 * (they read the answers through the API, which logs it for the requester).
 */
export function requestEvent(
  type: 'request.submitted' | 'request.status_changed' | 'request.complement_answered',
  item: Case,
  extra: { from?: string } = {},
): OutboundEvent {
  return {
    type,
    authorityId: item.authority_id,
    subject: `request:${item.id}`,
    formId: item.form_id,
    data: {
      request: { id: item.id, reference: item.reference, formId: item.form_id, status: item.status },
      ...(extra.from ? { previousStatus: extra.from } : {}),
    },
  };
}

/** Adds an event to the request's timeline (in the caller's transaction, if any). */
export async function recordEvent(
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

export async function listForAccount(db: Db, accountId: string): Promise<Case[]> {
  return tables(db)
    .selectFrom('cases')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Up to `limit` of the account's requests from the request `cursor` on, newest first (oldest first when
 * `backwards`); the cursor's own date is compared in the database, where it keeps its microseconds.
 */
export async function listPageForAccount(
  db: Db,
  accountId: string,
  cursor: string | undefined,
  backwards: boolean,
  limit: number,
): Promise<Case[]> {
  let query = tables(db).selectFrom('cases').selectAll().where('account_id', '=', accountId);
  if (cursor)
    query = query.where(
      sql<boolean>`(created_at, id) ${sql.raw(backwards ? '>' : '<')}
        (select c.created_at, c.id from cases c where c.id = ${cursor} and c.account_id = ${accountId})`,
    );
  return query
    .orderBy('created_at', backwards ? 'asc' : 'desc')
    .orderBy('id', backwards ? 'asc' : 'desc')
    .limit(limit)
    .execute();
}

/** What the timeline records of a move: why (a plain status change, a complement, a decision…). */
export type StatusEvent = { kind: CaseEvent['kind']; text?: string; document_id?: string };

/** Someone else changed the request since it was read: the change asked is not made. */
export class RequestChangedError extends Error {
  constructor(readonly caseId: string) {
    super('request_changed');
  }
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
      await recordEvent(tx, target, actor, { kind: 'assign', text: actor.name, internal: true });
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
    await recordEvent(tx, target, actor, event);
    if (tellRequester)
      await notify(tx, {
        event: 'newMessage',
        accountId: target.account_id,
        authorityId: target.authority_id,
        link: `/requests/${target.id}`,
        reference: target.reference,
        source: `case:${target.id}:message:${Date.now()}`,
      });
  });
}
