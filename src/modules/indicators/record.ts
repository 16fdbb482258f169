import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { OutboundEvent } from '../../platform/events/emit-event.ts';
import { staffRolesOf } from '../authorities/index.ts';
import { getCaseOfAuthority } from '../cases/index.ts';
import type { IndicatorKind, IndicatorsTables } from './tables.ts';

/** A draft's, request's or submission's id, hashed: rows of one journey meet, nobody is named. */
export const linkOf = (id: string) => createHash('sha256').update(`indicators:${id}`).digest('base64url');

/**
 * Counts a step of a person's journey that no emitted event tells (a service page seen, a form
 * begun, a step reached, a form sent), in one line where it happens.
 *
 * @example await recordIndicator(db, { kind: 'form_started', authorityId, formId, journey: draft.id, step: 1 })
 */
export async function recordIndicator(
  db: Db,
  row: {
    kind: Extract<IndicatorKind, 'page_viewed' | 'form_started' | 'step_reached' | 'form_completed'>;
    authorityId: string;
    formId?: string | null;
    /** The draft the journey is about; hashed before it is kept. */
    journey?: string;
    step?: number;
    at?: Date;
  },
): Promise<void> {
  await tablesOf<IndicatorsTables>(db)
    .insertInto('indicator_events')
    .values({
      occurred_at: row.at ?? new Date(),
      authority_id: row.authorityId,
      form_id: row.formId ?? null,
      kind: row.kind,
      link: row.journey ? linkOf(row.journey) : null,
      step: row.step ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * A form sent, counted by the statement that accepts it (`submitDraft`'s `alongside`) and only when
 * `sent` holds: one round trip less per submission, and never a count without the submission or
 * the other way round.
 */
export function formCompletedCall(
  row: { authorityId: string; formId: string; journey: string },
  sent: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`insert into indicator_events (occurred_at, authority_id, form_id, kind, link)
    select now(), ${row.authorityId}::uuid, ${row.formId}::uuid, 'form_completed', ${linkOf(row.journey)}
    where ${sent}
    on conflict do nothing`;
}

/** Statuses that are a decision; other final ones end a request without it (`ended`). */
const decisions = new Set(['granted', 'refused']);
const endings = new Set(['withdrawn', 'closed']);

type Emitted = OutboundEvent & { id: string; occurredAt: string };

/**
 * Counts an emitted fact: a request submitted (and by which channel) or decided (and after how long),
 * a fee paid, a document opened. Reads the request for its dates, keeps no one's data.
 */
export async function recordEmittedEvent(db: Db, event: Emitted): Promise<void> {
  if (!event.authorityId) return;
  const at = new Date(event.occurredAt);
  const base = { event_id: event.id, occurred_at: at, authority_id: event.authorityId, form_id: null };
  const row = await rowOf(db, event, event.authorityId, at);
  if (!row) return;
  await tablesOf<IndicatorsTables>(db)
    .insertInto('indicator_events')
    .values({ ...base, ...row })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function rowOf(db: Db, event: Emitted, authorityId: string, at: Date) {
  const data = event.data as {
    request?: { id: string; formId: string; status: string };
    payment?: { amountCents: number };
  };
  if (event.type === 'payment.succeeded')
    return { kind: 'paid' as const, amount_cents: String(data.payment?.amountCents ?? 0) };
  if (event.type === 'document.opened') return { kind: 'document_opened' as const };
  const request = data.request;
  if (!request) return undefined;
  const common = { form_id: request.formId, link: linkOf(request.id) };
  if (event.type === 'request.submitted') {
    const item = await getCaseOfAuthority(db, authorityId, request.id);
    if (!item) return undefined;
    // Entered by the authority's own staff (at the counter, from paper), not by the person online.
    const roles = await staffRolesOf(db, item.person_id);
    const staff = roles.some((r) => r.authorityId === authorityId);
    return {
      ...common,
      kind: 'submitted' as const,
      channel: staff ? ('staff' as const) : ('online' as const),
      due_at: item.due_at,
    };
  }
  if (event.type !== 'request.status_changed') return undefined;
  if (endings.has(request.status)) return { ...common, kind: 'ended' as const };
  if (!decisions.has(request.status)) return undefined;
  const item = await getCaseOfAuthority(db, authorityId, request.id);
  if (!item) return undefined;
  const seconds = Math.max(0, Math.round((at.getTime() - item.created_at.getTime()) / 1000));
  return { ...common, kind: 'decided' as const, seconds };
}
