import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, apiFixture, type TestApp } from '../../../tests/support/api.ts';
import { openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { listAccess } from '../accounts/index.ts';
import { createApiClient, revokeApiClient, rotateApiKey } from './api-clients.ts';
import { apiClientFromHeader } from './api-key-auth.ts';

let testApp: TestApp;
let fixture: Awaited<ReturnType<typeof apiFixture>>;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  testApp = await createTestApp();
  fixture = await apiFixture(testApp);
  call = apiCaller(testApp);
});
afterAll(() => testApp.close());

const eventsWithText = async (text: string) => {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from case_events where kind = 'message' and text = ${text}`.execute(
    testApp.database.db,
  );
  return rows[0]?.n ?? 0;
};

const caseState = async (id: string) =>
  (
    await sql<{
      status: string;
      version: number;
    }>`select status, version from cases where id = ${id}`.execute(testApp.database.db)
  ).rows[0];

describe('Idempotency-Key', () => {
  it('gives 20 concurrent duplicates one effect and the same answer', async () => {
    const path = `/api/v1/requests/${fixture.request.id}/messages`;
    const headers = { 'Idempotency-Key': 'race-0000001' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(fixture.sionKey, 'POST', path, { text: 'Une seule fois' }, headers),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(await Promise.all(answers.map((a) => a.text()))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(19);
    expect(await eventsWithText('Une seule fois')).toBe(1);
  });

  it('refuses the same key with another body, and wants a key on every POST', async () => {
    const path = `/api/v1/requests/${fixture.request.id}/messages`;
    const headers = { 'Idempotency-Key': 'reuse-000001' };
    expect((await call(fixture.sionKey, 'POST', path, { text: 'Premier' }, headers)).status).toBe(201);
    const other = await call(fixture.sionKey, 'POST', path, { text: 'Autre' }, headers);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await eventsWithText('Autre')).toBe(0);
    const none = await testApp.app.request(path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fixture.sionKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Sans clé' }),
    });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ code: 'idempotency_key_required' });
  });

  it('counts a body with its members in another order as the same request', async () => {
    const path = `/api/v1/requests/${fixture.request.id}/payments`;
    const headers = { 'Idempotency-Key': 'order-000001' };
    const first = await call(
      fixture.sionKey,
      'POST',
      path,
      { amountCents: 100, purpose: { fr: 'Frais' } },
      headers,
    );
    const again = await call(
      fixture.sionKey,
      'POST',
      path,
      { purpose: { fr: 'Frais' }, amountCents: 100 },
      headers,
    );
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
  });

  it('keeps keys apart per application', async () => {
    const headers = { 'Idempotency-Key': 'shared-00001' };
    const other = await fixture.key(fixture.sion);
    const path = `/api/v1/requests/${fixture.request.id}/messages`;
    expect((await call(fixture.sionKey, 'POST', path, { text: 'Application A' }, headers)).status).toBe(201);
    expect((await call(other.key, 'POST', path, { text: 'Application B' }, headers)).status).toBe(201);
    expect(await eventsWithText('Application B')).toBe(1);
  });
});

describe('a key of another authority', () => {
  it('cannot read, change or count the requests of another', async () => {
    const id = fixture.request.id;
    const before = await caseState(id);
    const read = await call(fixture.sierreKey, 'GET', `/api/v1/requests/${id}`);
    expect(read.status).toBe(404);
    expect(await read.json()).toMatchObject({ code: 'not_found' });
    for (const [path, body] of [
      ['status', { status: 'in_progress' }],
      ['complement', { text: 'Non' }],
      ['messages', { text: 'Intrus' }],
    ] as const)
      expect((await call(fixture.sierreKey, 'POST', `/api/v1/requests/${id}/${path}`, body)).status).toBe(
        404,
      );
    expect((await call(fixture.sierreKey, 'GET', `/api/v1/requests/${id}/payments`)).status).toBe(404);
    expect((await call(fixture.sierreKey, 'GET', `/api/v1/threads/${fixture.thread.id}`)).status).toBe(404);
    const after = await caseState(id);
    expect(after).toEqual(before);
    expect(await eventsWithText('Intrus')).toBe(0);
    // Not even counted: filters that match the other's request give nothing, not a number.
    const listed = await (
      await call(fixture.sierreKey, 'GET', `/api/v1/requests?formId=${fixture.form.id}`)
    ).json();
    expect(listed).toEqual({ items: [], nextCursor: null });
    const own = await (
      await call(fixture.sionKey, 'GET', `/api/v1/requests?formId=${fixture.form.id}`)
    ).json();
    expect(own.items.map((r: { id: string }) => r.id)).toContain(id);
    expect((await (await call(fixture.sierreKey, 'GET', '/api/v1/threads')).json()).items).toEqual([]);
  });
});

describe('pagination', () => {
  it('walks every request once, newest first, with an opaque cursor', async () => {
    for (let i = 0; i < 3; i++) await openRequest(testApp.database.db, fixture.citizen, fixture.form.id);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `formId=${fixture.form.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { id: string; submittedAt: string }[]; nextCursor: string | null } = await (
        await call(fixture.sionKey, 'GET', `/api/v1/requests?${query}`)
      ).json();
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    const bad = await call(fixture.sionKey, 'GET', '/api/v1/requests?cursor=bm9uc2Vuc2U');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_cursor' });
  });
});

describe('scopes', () => {
  it('lets a key do what its scopes say, and nothing more', async () => {
    const { key } = await fixture.key(fixture.sion, ['services:read']);
    expect((await call(key, 'GET', '/api/v1/services')).status).toBe(200);
    const refused = await call(key, 'GET', `/api/v1/requests/${fixture.request.id}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'insufficient_scope' });
    expect((await call(key, 'GET', '/api/v1/persons?avs=756.1234.5678.97')).status).toBe(403);
    const reader = (await fixture.key(fixture.sion, ['requests:read'])).key;
    expect((await call(reader, 'GET', `/api/v1/requests/${fixture.request.id}`)).status).toBe(200);
    expect(
      (await call(reader, 'POST', `/api/v1/requests/${fixture.request.id}/complement`, { text: 'Non' }))
        .status,
    ).toBe(403);
  });
});

describe('keys', () => {
  const db = () => testApp.database.db;
  const works = async (key: string) => (await call(key, 'GET', '/api/v1/services')).status;

  it('stop at their expiry', async () => {
    const { key } = await createApiClient(db(), 'test', {
      authorityId: fixture.sion,
      name: 'Expired',
      scopes: ['services:read'],
      mode: 'live',
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await works(key)).toBe(401);
  });

  it('rotate with an overlap, then the old one stops', async () => {
    const { id, key: old } = await createApiClient(db(), 'test', {
      authorityId: fixture.sion,
      name: 'Rotated',
      scopes: ['services:read'],
      mode: 'live',
    });
    const rotated = await rotateApiKey(db(), 'test', {
      authorityId: fixture.sion,
      clientId: id,
      overlapHours: 1,
    });
    expect(await works(old)).toBe(200);
    expect(await works(rotated?.key ?? '')).toBe(200);
    expect(
      await apiClientFromHeader(db(), `Bearer ${old}`, {
        acceptTestKeys: true,
        now: new Date(Date.now() + 2 * 3_600_000),
      }),
    ).toBeNull();
    const again = await rotateApiKey(db(), 'test', {
      authorityId: fixture.sion,
      clientId: id,
      overlapHours: 0,
    });
    expect(await works(rotated?.key ?? '')).toBe(401);
    expect(await works(again?.key ?? '')).toBe(200);
    // Another authority cannot rotate it.
    expect(
      await rotateApiKey(db(), 'test', { authorityId: fixture.sierre, clientId: id, overlapHours: 0 }),
    ).toBeUndefined();
  });

  it('stop, all of them, when the application is revoked', async () => {
    const { id, key } = await createApiClient(db(), 'test', {
      authorityId: fixture.sion,
      name: 'Revoked',
      scopes: ['services:read'],
      mode: 'live',
    });
    expect(await revokeApiClient(db(), 'test', { authorityId: fixture.sierre, clientId: id })).toBe(false);
    expect(await works(key)).toBe(200);
    expect(await revokeApiClient(db(), 'test', { authorityId: fixture.sion, clientId: id })).toBe(true);
    expect(await works(key)).toBe(401);
  });

  it('in test mode work only on an instance that is not the live one', async () => {
    const { key } = await fixture.key(fixture.sion, ['services:read'], 'test');
    expect(key).toMatch(/^gk_test_[\w-]{43}$/);
    expect(await works(key)).toBe(200); // the test app runs in demo mode
    expect(await apiClientFromHeader(db(), `Bearer ${key}`, { acceptTestKeys: false })).toBeNull();
    expect(fixture.sionKey).toMatch(/^gk_live_/);
    expect(
      await apiClientFromHeader(db(), `Bearer ${fixture.sionKey}`, { acceptTestKeys: false }),
    ).not.toBeNull();
  });

  it('are kept only as hashes', async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from api_keys where key_hash = ${fixture.sionKey} or hint = ${fixture.sionKey}`.execute(
      db(),
    );
    expect(rows[0]?.n).toBe(0);
  });
});

describe('rate limits', () => {
  it('announce the budget and answer 429 with Retry-After when it is spent', async () => {
    const { id, key } = await fixture.key(fixture.sion, ['services:read']);
    const first = await call(key, 'GET', '/api/v1/services');
    expect(first.headers.get('RateLimit-Policy')).toBe('"api";q=600;w=60');
    expect(first.headers.get('RateLimit')).toMatch(/^"api";r=599;t=\d+$/);
    await sql`update rate_limit_hits set hits = 600 where bucket = 'api' and key = ${`api:${id}`}`.execute(
      testApp.database.db,
    );
    const refused = await call(key, 'GET', '/api/v1/services');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(refused.headers.get('RateLimit')).toMatch(/^"api";r=0;t=\d+$/);
    expect(await refused.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    // Another application of the same authority has its own budget.
    expect((await call(fixture.sionKey, 'GET', '/api/v1/services')).status).toBe(200);
  });
});

describe('the access log', () => {
  it('records every read of a person’s data through the API', async () => {
    await call(fixture.sionKey, 'GET', `/api/v1/requests/${fixture.request.id}`);
    await call(fixture.sionKey, 'GET', '/api/v1/persons?avs=756.1234.5678.97');
    await call(fixture.sionKey, 'GET', `/api/v1/threads/${fixture.thread.id}`);
    const actions = (await listAccess(testApp.database.db, fixture.accountId)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['request.readThroughApi', 'person.lookUpThroughApi', 'thread.readThroughApi']),
    );
  });
});
