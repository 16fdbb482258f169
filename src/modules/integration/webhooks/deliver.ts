import { type Selectable, sql } from 'kysely';
import { auditedTx } from '../../../platform/audit/audit.ts';
import type { Secrets } from '../../../platform/crypto/secrets.ts';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import { enqueue } from '../../../platform/jobs/enqueue.ts';
import type { IntegrationTables } from '../tables.ts';
import {
  attemptLeaseMs,
  disableAfterFailingMs,
  isPermanentRefusal,
  nextAttemptAt,
  requestTimeoutMs,
  retryAfterMs,
} from './retry-schedule.ts';
import { signatureHeader } from './signing.ts';

const tables = (db: Db) => tablesOf<IntegrationTables>(db);

export interface DeliveryDeps {
  db: Db;
  secrets: Secrets;
  /** The platform's clock: it schedules retries and counts the days an endpoint has failed. */
  now(): Date;
}

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  /** The network's error, or the reason phrase of a non-2xx answer. */
  error: string | null;
  durationMs: number;
  /** How long a 429 or 503 asked to wait (`Retry-After`). */
  retryAfterMs: number | null;
}

type Delivery = Selectable<IntegrationTables['webhook_deliveries']>;

/**
 * One attempt of one delivery. It first takes the delivery for a short lease (a second worker, or the
 * periodic job, finds it not due), posts it signed, then records the attempt and what follows: done,
 * the next attempt on the schedule, or failed. Returns null when the delivery was not due.
 */
export async function attemptDelivery(
  deps: DeliveryDeps,
  deliveryId: string,
  trigger: 'scheduled' | 'replay',
): Promise<AttemptResult | null> {
  const now = deps.now();
  const lease = new Date(now.getTime() + attemptLeaseMs);
  const claim = tables(deps.db)
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: lease })
    .where('id', '=', deliveryId);
  const delivery =
    trigger === 'replay'
      ? await claim.set({ status: 'pending' }).returningAll().executeTakeFirst()
      : await claim
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .returningAll()
          .executeTakeFirst();
  if (!delivery) return null;
  const target = await tables(deps.db)
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .innerJoin('webhook_endpoints as p', 'p.id', 'd.endpoint_id')
    .select(['e.id as eventId', 'e.body', 'p.url', 'p.secret_label', 'p.legacy_hex_secret'])
    .where('d.id', '=', deliveryId)
    .executeTakeFirstOrThrow();
  const result = await post(deps.secrets, target);
  await record(deps, delivery, trigger, now, result);
  return result;
}

/** Posts the event as Standard Webhooks says: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
async function post(
  secrets: Secrets,
  target: { eventId: string; body: string; url: string; secret_label: string; legacy_hex_secret: boolean },
): Promise<AttemptResult> {
  // The wall clock, not the platform's: receivers refuse a timestamp far from their own time.
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Guichet-Webhooks/1',
        'webhook-id': target.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, target, {
          id: target.eventId,
          timestamp,
          body: target.body,
        }),
      },
      body: target.body,
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    await response.body?.cancel();
    return {
      ok: response.ok,
      statusCode: response.status,
      error: response.ok ? null : response.statusText.slice(0, 300) || null,
      durationMs: elapsed(),
      retryAfterMs: retryAfterMs(response.status, response.headers.get('retry-after'), Date.now()),
    };
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause : error) : undefined;
    return {
      ok: false,
      statusCode: null,
      error: cause?.message.slice(0, 300) ?? 'failed',
      durationMs: elapsed(),
      retryAfterMs: null,
    };
  }
}

async function record(
  deps: DeliveryDeps,
  delivery: Delivery,
  trigger: 'scheduled' | 'replay',
  now: Date,
  result: AttemptResult,
): Promise<void> {
  const attempts = delivery.attempts + 1;
  await deps.db.transaction().execute(async (tx) => {
    await tables(tx)
      .insertInto('webhook_attempts')
      .values({
        delivery_id: delivery.id,
        attempt: attempts,
        trigger,
        at: now,
        status_code: result.statusCode,
        error: result.error,
        duration_ms: result.durationMs,
      })
      .execute();
    if (result.ok) {
      await tables(tx)
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered', attempts, delivered_at: now, next_attempt_at: null })
        .where('id', '=', delivery.id)
        .execute();
      await tables(tx)
        .updateTable('webhook_endpoints')
        .set({ failing_since: null })
        .where('id', '=', delivery.endpoint_id)
        .execute();
      return;
    }
    // The endpoint first: its row lock orders the attempts that fail at once, so that none puts a
    // delivery back to pending after another has disabled the endpoint.
    const endpoint = await tables(tx)
      .updateTable('webhook_endpoints')
      .set({ failing_since: sql`coalesce(failing_since, ${now})` })
      .where('id', '=', delivery.endpoint_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const failingFor = now.getTime() - (endpoint.failing_since ?? now).getTime();
    const disabling = !endpoint.disabled_at && failingFor >= disableAfterFailingMs;
    // A permanent refusal (most 4xx) is not sent again; the log shows its status and reason.
    const next =
      endpoint.disabled_at || disabling || isPermanentRefusal(result.statusCode)
        ? null
        : nextAttemptAt(attempts, now, result.retryAfterMs);
    await tables(tx)
      .updateTable('webhook_deliveries')
      .set({ status: next ? 'pending' : 'failed', attempts, next_attempt_at: next })
      .where('id', '=', delivery.id)
      .execute();
    if (disabling) await disable(tx, endpoint.id, endpoint.authority_id, now);
  });
}

/**
 * Disables an endpoint that has failed every attempt for days: what it still had to get is marked
 * failed (to be replayed once repaired) and the authority's administrators are alerted.
 */
async function disable(tx: Db, endpointId: string, authorityId: string, now: Date): Promise<void> {
  await auditedTx(
    tx,
    {
      actor: 'system:webhooks',
      action: 'integration.webhook.disable',
      subjectType: 'webhook_endpoint',
      subjectId: endpointId,
      authorityId,
      details: { reason: 'failing' },
    },
    async (t) => {
      await tables(t)
        .updateTable('webhook_endpoints')
        .set({ disabled_at: now, disabled_reason: 'failing' })
        .where('id', '=', endpointId)
        .execute();
      await tables(t)
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', next_attempt_at: null })
        .where('endpoint_id', '=', endpointId)
        .where('status', '=', 'pending')
        .execute();
      await enqueue(t, 'integration:alert-endpoint-disabled', { endpointId });
    },
  );
}

/** Attempts every delivery that is due (the periodic job; each claims its delivery, so none runs twice). */
export async function deliverDue(deps: DeliveryDeps, batch = 100): Promise<number> {
  const due = await tables(deps.db)
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', deps.now())
    .orderBy('next_attempt_at')
    .limit(batch)
    .execute();
  let attempted = 0;
  for (let i = 0; i < due.length; i += 8) {
    const results = await Promise.all(
      due.slice(i, i + 8).map((d) => attemptDelivery(deps, d.id, 'scheduled')),
    );
    attempted += results.filter(Boolean).length;
  }
  return attempted;
}
