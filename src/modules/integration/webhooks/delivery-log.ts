import { randomUUID } from 'node:crypto';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import type { IntegrationTables } from '../tables.ts';
import { type AttemptResult, attemptDelivery, type DeliveryDeps } from './deliver.ts';
import type { Endpoint } from './endpoints.ts';
import { eventBody } from './publish-event.ts';

const tables = (db: Db) => tablesOf<IntegrationTables>(db);

/**
 * Sends a `webhook.test` event to one endpoint at once, so that an integrator can check their
 * receiver; it is logged like any delivery and not tried again.
 */
export async function sendTestEvent(deps: DeliveryDeps, endpoint: Endpoint): Promise<AttemptResult> {
  const now = deps.now();
  const event = {
    id: `evt_${randomUUID()}`,
    type: 'webhook.test' as const,
    authorityId: endpoint.authority_id as string | null,
    occurredAt: now.toISOString(),
    data: { endpoint: { id: endpoint.id } },
  };
  const deliveryId = await deps.db.transaction().execute(async (tx) => {
    await tables(tx)
      .insertInto('webhook_events')
      .values({
        id: event.id,
        authority_id: event.authorityId,
        type: event.type,
        subject: null,
        body: eventBody(event),
        occurred_at: now,
      })
      .execute();
    const delivery = await tables(tx)
      .insertInto('webhook_deliveries')
      .values({ event_id: event.id, endpoint_id: endpoint.id, next_attempt_at: null, delivered_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return delivery.id;
  });
  const result = await attemptDelivery(deps, deliveryId, 'replay');
  if (!result) throw new Error(`Test delivery ${deliveryId} was not attempted`);
  // A test is sent once: it leaves nothing pending.
  if (!result.ok)
    await tables(deps.db)
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', next_attempt_at: null })
      .where('id', '=', deliveryId)
      .execute();
  return result;
}

/** Sends a delivery of the authority's again, at once, whatever became of it (manual replay). */
export async function replayDelivery(
  deps: DeliveryDeps,
  authorityId: string,
  deliveryId: string,
): Promise<AttemptResult | null> {
  const own = await tables(deps.db)
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as p', 'p.id', 'd.endpoint_id')
    .select('d.id')
    .where('d.id', '=', deliveryId)
    .where('p.authority_id', '=', authorityId)
    .executeTakeFirst();
  return own ? attemptDelivery(deps, deliveryId, 'replay') : null;
}

/** An endpoint's latest deliveries with their last attempt, for the back office's log. */
export async function listDeliveries(db: Db, endpoint: Endpoint, limit = 50) {
  return tables(db)
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('webhook_attempts as a')
          .select(['a.status_code', 'a.error', 'a.duration_ms', 'a.at'])
          .whereRef('a.delivery_id', '=', 'd.id')
          .orderBy('a.at', 'desc')
          .orderBy('a.attempt', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .select([
      'd.id',
      'd.status',
      'd.attempts',
      'd.next_attempt_at',
      'd.created_at',
      'e.id as event_id',
      'e.type',
      'e.subject',
      'last.status_code',
      'last.error',
      'last.duration_ms',
      'last.at as last_attempt_at',
    ])
    .where('d.endpoint_id', '=', endpoint.id)
    .orderBy('d.created_at', 'desc')
    .limit(limit)
    .execute();
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

/** Every attempt of one delivery of the authority's, oldest first. */
export function listAttempts(db: Db, authorityId: string, deliveryId: string) {
  return tables(db)
    .selectFrom('webhook_attempts as a')
    .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
    .innerJoin('webhook_endpoints as p', 'p.id', 'd.endpoint_id')
    .select(['a.attempt', 'a.trigger', 'a.at', 'a.status_code', 'a.error', 'a.duration_ms'])
    .where('a.delivery_id', '=', deliveryId)
    .where('p.authority_id', '=', authorityId)
    .orderBy('a.at')
    .execute();
}

/**
 * Whether what happened to something (`request:<id>`) reached the authority's business applications:
 * `none` when no application listens, `delivered` when every delivery arrived, `pending` while one is
 * still being tried, `failed` when one gave up (the authority sees it and may replay it).
 */
export async function deliveryStateOf(
  db: Db,
  authorityId: string,
  subject: string,
): Promise<{ state: 'none' | 'delivered' | 'pending' | 'failed'; failed: number; pending: number }> {
  const rows = await tables(db)
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select(['d.status'])
    .where('e.subject', '=', subject)
    .where('e.authority_id', '=', authorityId)
    .execute();
  const failed = rows.filter((r) => r.status === 'failed').length;
  const pending = rows.filter((r) => r.status === 'pending').length;
  const state = rows.length === 0 ? 'none' : failed > 0 ? 'failed' : pending > 0 ? 'pending' : 'delivered';
  return { state, failed, pending };
}
