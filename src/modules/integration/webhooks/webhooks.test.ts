import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../../authorities/index.ts';
import { createApiClient } from '../api-clients.ts';
import { alertEndpointDisabled } from './alert-disabled.ts';
import { deliverDue } from './deliver.ts';
import { listAttempts, replayDelivery } from './delivery-log.ts';
import { createEndpoint, endpointForJob } from './endpoints.ts';
import { publishEvent } from './publish-event.ts';

let clock = new Date('2026-12-01T08:00:00Z');
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let sion = '';
let sierre = '';
const keys = { sion: '', sierre: '' };
const scopes = ['webhooks:read', 'webhooks:write'] as const;

/** A receiver that verifies every delivery with the reference implementation, and can be down. */
const receiver = {
  up: true,
  got: [] as { id: string; type: string; verified: boolean; status: number }[],
  secret: '',
  server: http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      let verified = false;
      let type = '';
      try {
        type = (
          new Webhook(receiver.secret).verify(body, request.headers as Record<string, string>) as {
            type: string;
          }
        ).type;
        verified = true;
      } catch {}
      const status = receiver.up && verified ? 204 : receiver.up ? 401 : 503;
      receiver.got.push({ id: String(request.headers['webhook-id']), type, verified, status });
      response.statusCode = status;
      response.end();
    });
  }),
  url: '',
};

beforeAll(async () => {
  testApp = await createTestApp({ now: () => clock });
  const db = testApp.database.db;
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  sierre = (await getAuthorityBySlug(db, 'sierre'))?.id ?? '';
  keys.sion = (
    await createApiClient(db, 'test', { authorityId: sion, name: 'ERP', scopes, mode: 'live' })
  ).key;
  keys.sierre = (
    await createApiClient(db, 'test', { authorityId: sierre, name: 'ERP', scopes, mode: 'live' })
  ).key;
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  receiver.server.close();
  await testApp.close();
});
beforeEach(() => {
  receiver.up = true;
  receiver.got = [];
});

const deps = () => ({ db: testApp.database.db, secrets: testApp.platform.secrets, now: () => clock });
const api = (path: string, key: string, body?: unknown) =>
  testApp.app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${key}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** One endpoint listening at a time: the others of earlier tests are disabled. */
async function subscribe(events = ['request.submitted']) {
  await sql`update webhook_endpoints set disabled_at = now()`.execute(testApp.database.db);
  const created = await createEndpoint(testApp.database.db, testApp.platform.secrets, 'test', {
    authorityId: sion,
    url: receiver.url,
    events,
  });
  receiver.secret = created.secret;
  return created.endpoint;
}

const event = (authorityId = sion) => ({
  id: `evt_${randomUUID()}`,
  type: 'request.submitted' as const,
  authorityId,
  subject: `request:${randomUUID()}`,
  occurredAt: clock.toISOString(),
  data: { request: { id: 'x' } },
});

/** Moves the platform's clock minute by minute, running the periodic delivery job each time. */
async function runFor(minutes: number, each?: (minute: number) => Promise<void>) {
  for (let minute = 0; minute < minutes; minute++) {
    await each?.(minute);
    await deliverDue(deps());
    clock = new Date(clock.getTime() + 60_000);
  }
}

describe('webhook endpoints through the API', () => {
  it('subscribes, lists its own authority’s only, and sends a test event the receiver verifies', async () => {
    const created = await api('/api/v1/webhook-endpoints', keys.sion, {
      url: receiver.url,
      events: ['request.submitted', 'payment.succeeded'],
    });
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: string; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    receiver.secret = endpoint.secret;
    const listed = (await (await api('/api/v1/webhook-endpoints', keys.sion)).json()) as { items: object[] };
    expect(listed.items).toContainEqual(expect.objectContaining({ id: endpoint.id }));
    expect(JSON.stringify(listed)).not.toContain('whsec_'); // the secret is shown once
    const other = (await (await api('/api/v1/webhook-endpoints', keys.sierre)).json()) as { items: object[] };
    expect(other.items).toEqual([]);

    const test = await api(`/api/v1/webhook-endpoints/${endpoint.id}/test`, keys.sion, {});
    expect(await test.json()).toMatchObject({ delivered: true, statusCode: 204 });
    expect(receiver.got).toEqual([expect.objectContaining({ type: 'webhook.test', verified: true })]);
    // Another authority's application cannot even tell that the endpoint exists.
    expect((await api(`/api/v1/webhook-endpoints/${endpoint.id}/test`, keys.sierre, {})).status).toBe(404);
  });

  it('refuses an address that is not http(s) or events it does not know, as problem details', async () => {
    const response = await api('/api/v1/webhook-endpoints', keys.sion, { url: 'ftp://x', events: ['nope'] });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('deliveries', () => {
  it('reach a receiver down for an hour, every event exactly once after it recovers', async () => {
    const endpoint = await subscribe();
    const sent: string[] = [];
    receiver.up = false;
    await runFor(4 * 60, async (minute) => {
      if (minute < 60 && minute % 10 === 0) {
        const e = event();
        sent.push(e.id);
        await publishEvent(testApp.database.db, e, clock);
      }
      if (minute === 60) receiver.up = true;
    });
    const delivered = receiver.got.filter((g) => g.status === 204);
    expect(delivered.map((g) => g.id).sort()).toEqual([...sent].sort());
    expect(delivered.every((g) => g.verified)).toBe(true);
    expect(receiver.got.filter((g) => g.status === 503).length).toBeGreaterThanOrEqual(sent.length);
    const { rows } = await sql<{ status: string }>`
      select status from webhook_deliveries where endpoint_id = ${endpoint.id}`.execute(testApp.database.db);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    expect((await endpointForJob(testApp.database.db, endpoint.id))?.failing_since).toBeNull();
  });

  it('keep trying for more than 24 hours, then give up; a manual replay sends it again', async () => {
    const endpoint = await subscribe();
    receiver.up = false;
    const e = event();
    await publishEvent(testApp.database.db, e, clock);
    await runFor(23 * 60);
    const delivery = await sql<{ id: string; status: string }>`
      select d.id, d.status from webhook_deliveries d
      where event_id = ${e.id} and endpoint_id = ${endpoint.id}`.execute(testApp.database.db);
    expect(delivery.rows[0]?.status).toBe('pending'); // still being tried after 23 hours
    await runFor(6 * 60);
    const after = await sql<{ status: string; attempts: number }>`
      select status, attempts from webhook_deliveries
      where event_id = ${e.id} and endpoint_id = ${endpoint.id}`.execute(testApp.database.db);
    expect(after.rows[0]).toEqual({ status: 'failed', attempts: 8 });
    expect(receiver.got.filter((g) => g.id === e.id)).toHaveLength(8);

    receiver.up = true;
    const id = delivery.rows[0]?.id ?? '';
    expect(await replayDelivery(deps(), sierre, id)).toBeNull(); // not another authority's to replay
    expect(await replayDelivery(deps(), sion, id)).toMatchObject({ ok: true, statusCode: 204 });
    expect(receiver.got.at(-1)).toMatchObject({ id: e.id, verified: true, status: 204 });
    const attempts = await listAttempts(testApp.database.db, sion, id);
    expect(attempts.map((a) => [a.trigger, a.status_code])).toEqual([
      ...Array(8).fill(['scheduled', 503]),
      ['replay', 204],
    ]);
  });

  it('disable an endpoint that failed every attempt for three days, and alert its administrators', async () => {
    const endpoint = await subscribe();
    receiver.up = false;
    await publishEvent(testApp.database.db, event(), clock);
    await runFor(29 * 60);
    expect((await endpointForJob(testApp.database.db, endpoint.id))?.disabled_at).toBeNull();
    // Events keep coming and keep failing: three days after the first failure, it is disabled.
    const late = event();
    await runFor(50 * 60, async (minute) => {
      if (minute === 0 || minute === 20 * 60) await publishEvent(testApp.database.db, event(), clock);
      if (minute === 40 * 60) await publishEvent(testApp.database.db, late, clock);
    });
    const disabled = await endpointForJob(testApp.database.db, endpoint.id);
    expect(disabled?.disabled_at).not.toBeNull();
    // What it still had to get is failed (to be replayed), not left pending for ever.
    const { rows } = await sql<{ status: string; attempts: number }>`
      select status, attempts from webhook_deliveries
      where event_id = ${late.id} and endpoint_id = ${endpoint.id}`.execute(testApp.database.db);
    expect(rows[0]?.status).toBe('failed');
    expect(rows[0]?.attempts).toBeLessThan(8);
    const alert = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where action = 'integration.webhook.disable' and subject_id = ${endpoint.id}`.execute(
      testApp.database.db,
    );
    expect(alert.rows[0]?.n).toBe(1);
    const mails: { to: string; text: string }[] = [];
    await alertEndpointDisabled(
      testApp.database.db,
      { send: async (m) => void mails.push(m) },
      'https://x',
      endpoint.id,
    );
    expect(mails.map((m) => m.to)).toEqual(['nadia.berclaz@sion.ch']);
    // A new event for it is recorded as failed, visible and replayable, but not sent.
    const sent = receiver.got.length;
    const next = event();
    await publishEvent(testApp.database.db, next, clock);
    await runFor(5);
    expect(receiver.got.length).toBe(sent);
  });

  it('go to the endpoints of the event’s authority only', async () => {
    await subscribe();
    await publishEvent(testApp.database.db, event(sierre), clock);
    await runFor(2);
    expect(receiver.got).toEqual([]);
  });
});
