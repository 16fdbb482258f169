import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffActor } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let spf = '';
const inbox = '/back-office/authorities/spf/requests';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  spf = (await getAuthorityBySlug(testApp.database.db, 'spf'))?.id ?? '';
});
afterAll(() => testApp?.close());

const filters = async (query: string) => {
  const response = await testApp.app.request(`${inbox}${query}`);
  expect(response.status).toBe(200);
  return (await response.text()).match(/<details class="inbox-filters__more"[^>]*>\s*<summary>([^<]*)/);
};

describe('the inbox’s filters', () => {
  it('are folded away until one is set, and then say how many are, without JavaScript', async () => {
    actor = staffActor(spf);
    const none = await filters('');
    expect(none?.[0]).not.toContain(' open');
    expect(none?.[1]).toBe('Filtres et tri');
    // The search is not one of them: it stays in sight, outside the fold.
    expect((await filters('?q=chien'))?.[0]).not.toContain(' open');

    const two = await filters('?overdue=1&sort=due');
    expect(two?.[0]).toContain(' open');
    expect(two?.[1]).toBe('Filtres et tri (2 appliqués)');
    expect((await filters('?status=submitted'))?.[1]).toBe('Filtres et tri (1 appliqué)');
    expect((await filters('?status=submitted&lang=de'))?.[1]).toBe('Filter und Sortierung (1 angewendet)');
    expect((await filters('?status=submitted&lang=en'))?.[1]).toBe('Filters and sorting (1 applied)');
  });
});
