import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { upsertAuthority } from '../authorities/index.ts';

// The canton's home page is rendered once per authorities' snapshot and language; what must not be
// shared is held here: each response's own nonce, nothing of a logged-in person, a changed snapshot.
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
});
afterAll(() => testApp.close());

const home = async (path = '/') => {
  const response = await testApp.app.request(path, { headers: { 'Accept-Language': 'fr-CH' } });
  const csp = response.headers.get('Content-Security-Policy') ?? '';
  return { html: await response.text(), nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? '' };
};
const nonces = (html: string) => [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);

describe('the canton’s home page, shared between anonymous visitors', () => {
  it('carries each response’s own nonce, the one its CSP names, and is otherwise the same', async () => {
    const first = await home();
    const second = await home();
    expect(first.nonce).not.toBe('');
    expect(second.nonce).not.toBe(first.nonce);
    expect(new Set(nonces(first.html))).toEqual(new Set([first.nonce]));
    expect(new Set(nonces(second.html))).toEqual(new Set([second.nonce]));
    expect(second.html.replaceAll(second.nonce, 'N')).toBe(first.html.replaceAll(first.nonce, 'N'));
  });

  it('is never a logged-in person’s page, nor theirs anyone else’s', async () => {
    await home();
    actor = personActor({ displayName: 'Zoé Personnelle' });
    const theirs = await home();
    actor = null;
    const anonymous = await home();
    expect(theirs.html).toContain('Zoé Personnelle');
    expect(anonymous.html).not.toContain('Zoé Personnelle');
    expect(anonymous.html).not.toContain('name="_csrf"');
  });

  it('follows the address asked (language links) and a change to the authorities at once', async () => {
    await home();
    expect((await home('/?x=1')).html).toContain('href="/?x=1&amp;lang=de"');
    await upsertAuthority(testApp.database.db, 'test', {
      slug: 'nendaz',
      kind: 'commune',
      names: { fr: 'Nendaz', de: 'Nendaz', en: 'Nendaz' },
      languages: ['fr'],
      palette: { primary: '#a6192e', primaryText: '#ffffff', accent: '#3d3d3d' },
    });
    expect((await home()).html).toContain('/communes/nendaz');
  });
});
