import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOfRoutes, createTestApp } from '../../../tests/support/test-app.ts';
import { notFound } from './http-error.ts';
import { defaultWriteLimit } from './rate-limit.ts';
import { readAlongRateLimit } from './rate-limit-along.ts';
import type { RouteDef } from './route.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let app: ReturnType<typeof appOfRoutes>;

// Server-to-server routes (no CSRF token to fetch), each under the default write limit, counted by
// the caller's address: in-process requests have none, so each test sends its own X-Forwarded-For.
const routes: RouteDef[] = [
  {
    method: 'POST',
    path: '/along/takes',
    access: 'machine',
    object: { none: 'test route' },
    rateLimitAlong: true,
    async handler(c) {
      const row = await readAlongRateLimit(c, testApp.database.db, sql<{ one: number }>`select 1 as one`);
      return c.text(String(row?.one));
    },
  },
  {
    method: 'POST',
    path: '/along/forgets',
    access: 'machine',
    object: { none: 'test route' },
    rateLimitAlong: true,
    handler: (c) => c.text('done'),
  },
  {
    method: 'POST',
    path: '/along/refuses-first',
    access: 'machine',
    object: { none: 'test route' },
    rateLimitAlong: true,
    handler: () => {
      throw notFound();
    },
  },
];

beforeAll(async () => {
  testApp = await createTestApp({ env: { TRUST_PROXY: 'true' } });
  app = appOfRoutes(testApp, routes);
});
afterAll(() => testApp.close());

const post = (path: string, address: string) =>
  app.request(path, { method: 'POST', headers: { 'X-Forwarded-For': address } });

const hitsOf = async (address: string) =>
  (
    await sql<{ n: number }>`
      select coalesce(sum(hits), 0)::int as n from rate_limit_hits
      where bucket = ${defaultWriteLimit.bucket} and key = ${address}`.execute(testApp.database.db)
  ).rows[0]?.n;

describe('a rate-limit hit taken along', () => {
  it('is counted once, in the handler’s statement, and refuses over the limit', async () => {
    const address = `10.0.0.${randomUUID()}`;
    const answer = await post('/along/takes', address);
    expect(await answer.text()).toBe('1');
    expect(await hitsOf(address)).toBe(1);
    for (let i = 1; i <= defaultWriteLimit.limit; i++) await post('/along/takes', address);
    const refused = await post('/along/takes', address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBeTruthy();
  });

  it('is counted by the router when the handler refuses before taking it', async () => {
    const address = `10.0.1.${randomUUID()}`;
    expect((await post('/along/refuses-first', address)).status).toBe(404);
    expect(await hitsOf(address)).toBe(1);
  });

  it('forgotten by a handler, is counted after it, and its success fails in demo mode', async () => {
    const address = `10.0.2.${randomUUID()}`;
    expect((await post('/along/forgets', address)).status).toBe(500);
    expect(await hitsOf(address)).toBe(1);
  });
});
