import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOfRoutes, createTestApp } from '../../../tests/support/test-app.ts';
import type { RouteDef } from './route.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let app: ReturnType<typeof appOfRoutes>;

// A row written for one that is gone: what a file added to a draft deleted in another tab meets.
const routes: RouteDef[] = [
  {
    method: 'GET',
    path: '/meanwhile/child',
    access: 'anonymous',
    object: { none: 'test route' },
    async handler(c) {
      await sql`insert into meanwhile_child (parent_id) values (42)`.execute(testApp.database.db);
      return c.text('written');
    },
  },
];

beforeAll(async () => {
  testApp = await createTestApp();
  await sql`create table meanwhile_parent (id int primary key)`.execute(testApp.database.db);
  await sql`create table meanwhile_child (parent_id int references meanwhile_parent)`.execute(
    testApp.database.db,
  );
  app = appOfRoutes(testApp, routes, ['fr', 'de', 'en']);
});
afterAll(() => testApp.close());

describe('a request that refers to a row removed meanwhile', () => {
  it('is told so in its language, as a conflict rather than a server error', async () => {
    const page = await app.request('/meanwhile/child', { headers: { 'Accept-Language': 'de' } });
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain('Inzwischen gelöscht');
    expect(html).not.toContain('Ein Fehler ist aufgetreten');
  });
});
