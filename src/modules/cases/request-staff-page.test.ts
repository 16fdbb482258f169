import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
});
afterAll(() => testApp?.close());

describe('the back office’s request page', () => {
  it('leads back to the inbox, names a personal account’s holder once and heads its internal notes', async () => {
    const { db } = testApp.database;
    const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    const citizen = await createCitizen(db, { givenNames: 'Noé', familyName: 'Bonvin' });
    const item = await openRequest(db, citizen, (await createRequestForm(db, spf)).id);
    actor = staffActor(spf, 'agent');
    const html = await (await testApp.app.request(`/back-office/authorities/spf/requests/${item.id}`)).text();
    expect(html).toMatch(
      /<nav class="breadcrumbs"[^>]*>\s*<ol[^>]*>\s*<li>\s*<a href="\/back-office\/authorities\/spf\/requests">Demandes reçues par /,
    );
    expect(html).toContain('Noé Bonvin');
    expect(html).not.toContain('Noé Bonvin · Noé Bonvin');
    // The internal note is not part of the message form above it.
    expect(html).toContain('<h2>Notes internes</h2>');
  });
});
