import { sql } from 'kysely';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import type { OutboundEvent } from '../../../platform/events/emit-event.ts';
import { enqueue } from '../../../platform/jobs/enqueue.ts';
import type { IntegrationTables } from '../tables.ts';

const tables = (db: Db) => tablesOf<IntegrationTables>(db);

/** An event as the queue carries it; `webhook.test` is sent to one endpoint on demand, never subscribed. */
export type PublishedEvent = Omit<OutboundEvent, 'type'> & {
  type: OutboundEvent['type'] | 'webhook.test';
  id: string;
  occurredAt: string;
};

/** The body every endpoint receives for the event, the same bytes on every attempt. */
export const eventBody = (event: PublishedEvent) =>
  JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data });

/**
 * Records an event once (a job run again finds it) with one delivery per endpoint of its authority
 * subscribed to its type (and its service, when the endpoint names some), and enqueues their first
 * attempts, all in one transaction. A disabled endpoint's delivery is recorded as failed, to be
 * replayed once it is repaired: the request still shows that its application did not get it.
 */
export async function publishEvent(db: Db, event: PublishedEvent, now: Date): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const recorded = await tables(tx)
      .insertInto('webhook_events')
      .values({
        id: event.id,
        authority_id: event.authorityId,
        type: event.type,
        subject: event.subject ?? null,
        body: eventBody(event),
        occurred_at: new Date(event.occurredAt),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!recorded) return [];
    const endpoints = await tables(tx)
      .selectFrom('webhook_endpoints')
      .select(['id', 'disabled_at'])
      .$if(event.authorityId !== null, (q) => q.where('authority_id', '=', event.authorityId as string))
      .where(sql<boolean>`${event.type} = any(events)`)
      .where((eb) =>
        eb.or([
          eb('form_ids', 'is', null),
          ...(event.formId ? [sql<boolean>`${event.formId}::uuid = any(form_ids)`] : []),
        ]),
      )
      .execute();
    return deliveriesFor(tx, event.id, endpoints, now);
  });
}

/** The deliveries of a recorded event to some endpoints, their first attempts enqueued. */
async function deliveriesFor(
  tx: Db,
  eventId: string,
  endpoints: { id: string; disabled_at: Date | null }[],
  now: Date,
): Promise<string[]> {
  const ids: string[] = [];
  for (const endpoint of endpoints) {
    const enabled = endpoint.disabled_at === null;
    const delivery = await tables(tx)
      .insertInto('webhook_deliveries')
      .values({
        event_id: eventId,
        endpoint_id: endpoint.id,
        status: enabled ? 'pending' : 'failed',
        next_attempt_at: enabled ? now : null,
        delivered_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (enabled) await enqueue(tx, 'integration:deliver-webhook', { deliveryId: delivery.id });
    ids.push(delivery.id);
  }
  return ids;
}
