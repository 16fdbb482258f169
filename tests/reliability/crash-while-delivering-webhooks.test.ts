import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createApiClient } from '../../src/modules/integration/index.ts';
import { emitEvent } from '../../src/platform/events/emit-event.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { type GuichetProcess, spawnGuichet } from '../support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { writeFigures } from './figures.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const running: GuichetProcess[] = [];
let database: TestDatabase | undefined;
let sion = '';

/**
 * A business application's receiver: it verifies each delivery with the reference implementation and
 * records its `webhook-id` as soon as the body is read, but is slow to answer — a sender killed
 * meanwhile never learns it arrived, and sends it again.
 */
const receiver = {
  secret: '',
  slow: true,
  got: [] as string[],
  unverified: 0,
  /** Down: a gateway's 503 for some events, a 429 (the receiver overwhelmed) for the others. */
  down: false,
  answers: [] as { id: string; status: number }[],
  server: http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const id = String(request.headers['webhook-id']);
      let status = 204;
      try {
        const event = new Webhook(receiver.secret).verify(
          body,
          request.headers as Record<string, string>,
        ) as {
          data: { request: { id: string } };
        };
        if (receiver.down) status = /[02468]$/.test(event.data.request.id) ? 503 : 429;
        else receiver.got.push(id);
      } catch {
        receiver.unverified++;
        status = 401;
      }
      receiver.answers.push({ id, status });
      setTimeout(() => response.writeHead(status).end(), receiver.slow ? 1500 : 0);
    });
  }),
};

afterAll(async () => {
  for (const instance of running) if (instance.child.exitCode === null) await instance.stop();
  receiver.server.close();
  await database?.drop();
});

describe('killed with -9 while delivering webhooks', { timeout: 240_000 }, () => {
  it('the server process: after a restart every event reached the receiver, duplicates at most those in flight', async () => {
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    database = await createTestDatabase();
    const { db } = database;
    await seedDemo(db);
    const env = {
      DATABASE_URL: database.url,
      GUICHET_WORKER_CONCURRENCY: '4',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
    };
    const first = await spawnGuichet(['serve'], env);
    running.push(first);
    sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
    const { key } = await createApiClient(db, 'test', {
      authorityId: sion,
      name: 'ERP',
      scopes: ['webhooks:read', 'webhooks:write'],
      mode: 'live',
    });
    // Subscribed over the API of the running server, as a business application does.
    const created = await fetch(`${first.url}/api/v1/webhook-endpoints`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${key}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        url: `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`,
        events: ['request.submitted'],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    receiver.secret = ((await created.json()) as { secret: string }).secret;

    const count = 20;
    for (let i = 0; i < count; i++)
      await db.transaction().execute((tx) =>
        emitEvent(tx, {
          type: 'request.submitted',
          authorityId: sion,
          subject: `request:crash-webhooks-${i}`,
          data: { request: { id: `crash-webhooks-${i}` } },
        }),
      );
    while (receiver.got.length < 3) await sleep(100);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = receiver.got.length;
    // An attempt holds its delivery for 30 s (`attemptLeaseMs`), so that no other worker posts it
    // meanwhile; the leases of the dead process are let lapse here rather than waited for.
    const { numAffectedRows: leased } = await sql`
      update webhook_deliveries set next_attempt_at = now()
       where status = 'pending' and next_attempt_at > now()`.execute(db);
    receiver.slow = false;

    const restartedAt = Date.now();
    running.push(await spawnGuichet(['serve'], env));
    const events = async () =>
      (
        await sql<{ id: string; status: string }>`
          select e.id, d.status from webhook_events e join webhook_deliveries d on d.event_id = e.id
           where e.type = 'request.submitted' and e.body::text like '%crash-webhooks-%'`.execute(db)
      ).rows;
    const deadline = Date.now() + 150_000;
    while (
      ((await events()).filter((e) => e.status === 'delivered').length < count ||
        new Set(receiver.got).size < count) &&
      Date.now() < deadline
    )
      await sleep(500);
    const delivered = await events();
    expect(delivered).toHaveLength(count);
    expect(delivered.every((e) => e.status === 'delivered')).toBe(true);
    for (const { id } of delivered) expect(receiver.got, id).toContain(id);
    expect(receiver.unverified).toBe(0);
    const duplicates = receiver.got.length - new Set(receiver.got).size;
    // At most the deliveries posted but not yet answered at the kill: one per worker slot.
    expect(duplicates).toBeLessThanOrEqual(4);
    await writeFigures('crash-while-delivering-webhooks', {
      events: count,
      receivedBeforeKill: atKill,
      leasesLapsed: Number(leased ?? 0),
      received: receiver.got.length,
      duplicates,
      allDeliveredWithinSeconds: (Date.now() - restartedAt) / 1000,
    });
  });

  it('a receiver down for a while (503 or 429): every event is delivered once it is back, on the schedule', async () => {
    const db = database?.db;
    if (!db) throw new Error('the first case sets the server up');
    receiver.got = [];
    receiver.answers = [];
    receiver.down = true;
    const count = 10;
    for (let i = 0; i < count; i++)
      await db.transaction().execute((tx) =>
        emitEvent(tx, {
          type: 'request.submitted',
          authorityId: sion,
          subject: `request:outage-${i}`,
          data: { request: { id: `outage-${i}` } },
        }),
      );
    const outage = async () =>
      (
        await sql<{ id: string; status: string; attempts: number; first: Date; last: Date }>`
          select e.id, d.status, count(a.*)::int as attempts, min(a.at) as first, max(a.at) as last
            from webhook_events e join webhook_deliveries d on d.event_id = e.id
            left join webhook_attempts a on a.delivery_id = d.id
           where e.body::text like '%outage-%' group by e.id, d.status`.execute(db)
      ).rows;
    let deadline = Date.now() + 60_000;
    while ((await outage()).filter((e) => e.attempts > 0).length < count && Date.now() < deadline)
      await sleep(250);
    const failedAt = Date.now();
    receiver.down = false;
    deadline = Date.now() + 150_000;
    while ((await outage()).some((e) => e.status !== 'delivered') && Date.now() < deadline) await sleep(500);
    const events = await outage();
    expect(events).toHaveLength(count);
    expect(events.every((e) => e.status === 'delivered')).toBe(true);
    // 429 and 503 alike were retried (docs/reliability.md), the first retry a minute after the failure.
    const refused = receiver.answers.filter((a) => a.status !== 204);
    expect(new Set(refused.map((a) => a.status))).toEqual(new Set([429, 503]));
    for (const event of events) {
      expect(
        receiver.got.filter((id) => id === event.id),
        event.id,
      ).toHaveLength(1);
      expect(event.last.getTime() - event.first.getTime()).toBeGreaterThanOrEqual(60_000);
    }
    await writeFigures('webhook-receiver-outage', {
      events: count,
      refusedAttempts: refused.length,
      refusedWith: Object.fromEntries(
        [429, 503].map((s) => [s, refused.filter((a) => a.status === s).length]),
      ),
      received: receiver.got.length,
      attemptsPerEvent: Math.max(...events.map((e) => e.attempts)),
      allDeliveredSecondsAfterRecovery: (Date.now() - failedAt) / 1000,
    });
  });
});
