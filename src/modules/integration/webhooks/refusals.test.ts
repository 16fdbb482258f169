import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../../authorities/index.ts';
import { attemptDelivery, deliverDue } from './deliver.ts';
import { deliveryStateOf, listDeliveries } from './delivery-log.ts';
import { createEndpoint, type Endpoint } from './endpoints.ts';
import { publishEvent } from './publish-event.ts';

let clock = new Date('2026-12-01T08:00:00Z');
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let sion = '';

/** A receiver answering every delivery the same way, or holding the first one without answer. */
const receiver = {
  status: 204,
  headers: {} as Record<string, string>,
  holdFirst: false,
  held: [] as http.ServerResponse[],
  got: 0,
  server: http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      receiver.got++;
      if (receiver.holdFirst && receiver.got === 1) return void receiver.held.push(response);
      response.writeHead(receiver.status, receiver.headers).end();
    });
  }),
  url: '',
};

beforeAll(async () => {
  testApp = await createTestApp({ now: () => clock });
  sion = (await getAuthorityBySlug(testApp.database.db, 'sion'))?.id ?? '';
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  receiver.server.close();
  await testApp.close();
});
beforeEach(() => {
  Object.assign(receiver, { status: 204, headers: {}, holdFirst: false, held: [], got: 0 });
});

const deps = () => ({ db: testApp.database.db, secrets: testApp.platform.secrets, now: () => clock });

/** A fresh endpoint (the others disabled) and one event for it; returns the endpoint and delivery. */
async function oneDelivery(): Promise<{ endpoint: Endpoint; id: string; subject: string }> {
  const db = testApp.database.db;
  await sql`update webhook_endpoints set disabled_at = now()`.execute(db);
  const { endpoint } = await createEndpoint(db, testApp.platform.secrets, 'test', {
    authorityId: sion,
    url: receiver.url,
    events: ['request.submitted'],
  });
  const subject = `request:${randomUUID()}`;
  const id = `evt_${randomUUID()}`;
  await publishEvent(
    db,
    { id, type: 'request.submitted', authorityId: sion, subject, occurredAt: clock.toISOString(), data: {} },
    clock,
  );
  const delivery = await sql<{ id: string }>`
    select id from webhook_deliveries where event_id = ${id} and endpoint_id = ${endpoint.id}`.execute(db);
  return { endpoint, id: delivery.rows[0]?.id ?? '', subject };
}

const delivery = async (id: string) =>
  (
    await sql<{ status: string; attempts: number; next_attempt_at: Date | null }>`
      select status, attempts, next_attempt_at from webhook_deliveries where id = ${id}`.execute(
      testApp.database.db,
    )
  ).rows[0];

/** Moves the platform's clock minute by minute, running the periodic delivery job each time. */
async function runFor(minutes: number) {
  for (let minute = 0; minute < minutes; minute++) {
    await deliverDue(deps());
    clock = new Date(clock.getTime() + 60_000);
  }
}

describe('a receiver’s refusals', () => {
  it('a permanent 4xx is not sent again: failed at once, its status and reason in the log', async () => {
    const { endpoint, id, subject } = await oneDelivery();
    receiver.status = 404;
    await runFor(3 * 60);
    expect(receiver.got).toBe(1);
    expect(await delivery(id)).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    const [row] = await listDeliveries(testApp.database.db, endpoint);
    expect(row).toMatchObject({ id, status: 'failed', status_code: 404, error: 'Not Found' });
    expect(await deliveryStateOf(testApp.database.db, sion, subject)).toMatchObject({ state: 'failed' });
  });

  it.each([408, 425, 429])('%i says later: tried again on the schedule', async (status) => {
    const { id } = await oneDelivery();
    receiver.status = status;
    await runFor(10);
    expect(receiver.got).toBe(3); // at once, a minute later, five minutes after that
    expect(await delivery(id)).toMatchObject({ status: 'pending', attempts: 3 });
  });

  it('429 and 503 with Retry-After wait what they ask, within the schedule’s longest step', async () => {
    const cases = [
      { status: 429, retryAfter: '600', waitMs: 600_000 },
      { status: 503, retryAfter: new Date(Date.now() + 1_800_000).toUTCString(), waitMs: 1_800_000 },
      { status: 429, retryAfter: '9999999', waitMs: 10 * 3600_000 },
      { status: 429, retryAfter: '1', waitMs: 60_000 }, // never sooner than the schedule
    ];
    for (const { status, retryAfter, waitMs } of cases) {
      const { id } = await oneDelivery();
      Object.assign(receiver, { status, headers: { 'retry-after': retryAfter } });
      await deliverDue(deps());
      const next = (await delivery(id))?.next_attempt_at?.getTime() ?? 0;
      expect(next - clock.getTime(), `${status} ${retryAfter}`).toBeGreaterThan(waitMs - 5_000);
      expect(next - clock.getTime(), `${status} ${retryAfter}`).toBeLessThanOrEqual(waitMs);
    }
  });

  it('an attempt cut short (its process killed) is tried again once its own time-out has passed', async () => {
    const { id } = await oneDelivery();
    receiver.holdFirst = true;
    // The first attempt never gets its answer: as if the process posting it were killed.
    const cut = attemptDelivery(deps(), id, 'scheduled');
    while (receiver.held.length === 0) await new Promise((r) => setTimeout(r, 20));
    clock = new Date(clock.getTime() + 45_000);
    expect(await deliverDue(deps())).toBe(1);
    expect(receiver.got).toBe(2);
    expect(await delivery(id)).toMatchObject({ status: 'delivered' });
    for (const response of receiver.held) response.destroy();
    await cut;
  });
});
