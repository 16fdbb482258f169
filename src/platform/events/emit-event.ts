import { randomUUID } from 'node:crypto';
import type { Db } from '../database/database.ts';
import { enqueue } from '../jobs/enqueue.ts';

/**
 * The facts an authority's business applications may subscribe to (Standard Webhooks). The module
 * that owns a fact emits it; the integration module, above every one of them, delivers it (ADR 20).
 */
export const eventTypes = [
  'request.submitted',
  'request.status_changed',
  'request.complement_answered',
  'document.published',
  'document.opened',
  'payment.succeeded',
  'payment.refunded',
  'message.received',
  'mandate.revoked',
  'narcotics.statement_filed',
] as const;
export type EventType = (typeof eventTypes)[number];

/** One fact, as it leaves the module that owns it. */
export interface OutboundEvent {
  type: EventType;
  /**
   * The authority whose applications hear of it; no other authority's ever does. Null for a fact
   * every authority may rely on (a mandate ending, which any of them may have checked).
   */
  authorityId: string | null;
  /**
   * What it is about, so that the authority's staff and the requester can see whether it reached the
   * business application (`request:<id>`); data of a person stays out of the log.
   */
  subject?: string;
  /** The form (service) of the request it concerns: an endpoint may listen to some services only. */
  formId?: string;
  /** The event's `data`: identifiers and states, never a person's answers (the API reads those). */
  data: Record<string, unknown>;
}

/**
 * Emits an event in the caller's transaction: if the fact rolls back, the event never existed; once
 * it commits, it reaches every subscribed endpoint. One line at the place the fact happens:
 *
 * @example await emitEvent(tx, { type: 'payment.succeeded', authorityId, data: { payment: { id } } })
 */
export async function emitEvent(tx: Db, event: OutboundEvent): Promise<void> {
  const published = { ...event, id: `evt_${randomUUID()}`, occurredAt: new Date().toISOString() };
  await enqueue(tx, 'integration:publish-event', published);
  // The same facts, counted without anyone's data, make the authorities' indicators (issue 24).
  await enqueue(tx, 'indicators:record-event', published);
}
