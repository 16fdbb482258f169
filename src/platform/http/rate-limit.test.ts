import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../tests/support/factories.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import type { Actor } from './access.ts';
import { defaultWriteLimit } from './rate-limit.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
});
afterAll(() => testApp.close());

/** A browser session: its cookie and CSRF token. Every request in-process comes from one address. */
async function session() {
  const page = await testApp.app.request('/login');
  return { cookie: cookiesFrom(page), token: csrfTokenIn(await page.text()) };
}

/** A write that changes nothing (no such session to end), counted by the default write limit. */
async function write(from: { cookie: string; token: string }): Promise<number> {
  const response = await testApp.app.request('/profile/sessions/end', {
    method: 'POST',
    headers: { Cookie: from.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: from.token, session: 'none' }),
  });
  return response.status;
}

describe('the write limit', () => {
  it('gives each logged-in person a bucket of their own behind a shared address', async () => {
    const office = await session();
    actor = personActor();
    // One more than the limit: the sliding window may forgive a hit when a minute turns meanwhile.
    const statuses = [];
    for (let i = 0; i < defaultWriteLimit.limit + 2; i++) statuses.push(await write(office));
    expect(statuses.slice(0, defaultWriteLimit.limit)).not.toContain(429);
    expect(statuses.at(-1)).toBe(429);
    actor = personActor(); // a colleague behind the same address
    expect(await write(office)).not.toBe(429);
  });

  it('counts anonymous callers by their address', async () => {
    actor = null;
    const first = await session();
    for (let i = 0; i <= defaultWriteLimit.limit; i++) await write(first);
    expect(await write(await session())).toBe(429);
  });
});
