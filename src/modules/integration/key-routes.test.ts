import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../tests/support/factories.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { apiClientFromHeader } from './api-key-auth.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let sion = '';
const base = '/back-office/authorities/sion/api-keys';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  sion = (await getAuthorityBySlug(testApp.database.db, 'sion'))?.id ?? '';
});
afterAll(() => testApp.close());

const post = async (path: string, fields: [string, string][]) => {
  const page = await testApp.app.request(base);
  const body = new URLSearchParams([['_csrf', csrfTokenIn(await page.text())], ...fields]);
  return testApp.app.request(path, {
    method: 'POST',
    body,
    headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
  });
};
const keyIn = (html: string) => html.match(/<code>(gk_(?:live|test)_[\w-]{43})<\/code>/)?.[1] ?? '';
const authenticate = (key: string) =>
  apiClientFromHeader(testApp.database.db, `Bearer ${key}`, { acceptTestKeys: true });

describe('API keys in the back office', () => {
  it('are for the authority’s administrators only', async () => {
    actor = personActor({ staffRoles: [{ authorityId: sion, role: 'agent' }] });
    expect((await testApp.app.request(base)).status).toBe(404);
    actor = personActor({ staffRoles: [{ authorityId: sion, role: 'authorityAdmin' }] });
    expect((await testApp.app.request('/back-office/authorities/sierre/api-keys')).status).toBe(404);
    expect((await testApp.app.request(base)).status).toBe(200);
  });

  it('are created with scopes, shown once, audited, rotated and revoked', async () => {
    actor = personActor({ staffRoles: [{ authorityId: sion, role: 'authorityAdmin' }] });
    const refused = await post(base, [['name', '']]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Choisissez au moins une portée.');
    const created = await post(base, [
      ['name', 'Registre'],
      ['scopes', 'requests:read'],
      ['scopes', 'documents:write'],
      ['mode', 'live'],
    ]);
    expect(created.headers.get('Cache-Control')).toBe('no-store');
    const key = keyIn(await created.text());
    expect(await authenticate(key)).toMatchObject({
      authorityId: sion,
      scopes: ['requests:read', 'documents:write'],
    });
    // The list shows its beginning only.
    const list = await (await testApp.app.request(base)).text();
    expect(list).toContain(key.slice(0, 12));
    expect(list).not.toContain(key);
    const { rows } = await sql<{ actor: string; details: { scopes: string[] } }>`
      select actor, details from audit_events where action = 'integration.client.create' order by id desc limit 1`.execute(
      testApp.database.db,
    );
    expect(rows[0]).toMatchObject({
      actor: `person:${actor.id}`,
      details: { scopes: ['requests:read', 'documents:write'] },
    });
    const clientId = (await authenticate(key))?.id ?? '';
    const rotated = keyIn(await (await post(`${base}/${clientId}/rotate`, [])).text());
    expect(rotated).not.toBe(key);
    expect(await authenticate(rotated)).not.toBeNull();
    expect(await authenticate(key)).not.toBeNull(); // for the overlap
    expect((await post(`${base}/${clientId}/revoke`, [])).status).toBe(303);
    expect(await authenticate(rotated)).toBeNull();
    expect(await authenticate(key)).toBeNull();
  });
});
