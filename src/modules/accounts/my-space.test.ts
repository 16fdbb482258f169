import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, personActor } from '../../../tests/support/factories.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { acceptMandate, principalsOf, proposeMandate, requestMandate } from '../mandates/index.ts';
import { postMessage, startThread } from '../messaging/index.ts';
import { ensurePersonalAccount, openProfessionalAccount } from './accounts.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: PersonActor | null = null;
const people: Record<string, { id: string; personal: string }> = {};
let pharmacy = '';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  for (const name of ['sophie', 'anna']) {
    const { person } = await createPersonWithLink(
      db,
      { givenNames: name, familyName: 'Test' },
      { provider: 'test', subject: name, level: 'high' },
    );
    people[name] = { id: person.id, personal: await ensurePersonalAccount(db, person.id, `${name} Test`) };
  }
  const { rows } = await sql<{ id: string }>`
    insert into organisations (uid, name, legal_form, seat)
    values ('CHE123456788', 'Pharmacie du Rhône SA', 'SA', 'Sion') returning id`.execute(db);
  pharmacy = await openProfessionalAccount(db, people.sophie?.id ?? '', {
    id: rows[0]?.id ?? '',
    name: 'Pharmacie du Rhône SA',
  });
});
afterAll(() => testApp.close());

const today = new Date().toISOString().slice(0, 10);
const as = (name: string, account: { id: string; name: string; kind: 'personal' | 'professional' }) => {
  actor = personActor({ id: people[name]?.id, displayName: `${name} Test`, account });
};
const page = async (path = '/my') => (await testApp.app.request(path)).text();

describe('my space', () => {
  it('asks anonymous visitors to log in', async () => {
    actor = null;
    expect((await testApp.app.request('/my')).status).toBe(303);
  });

  it('shows the mandates waiting for an answer, and what waits in the other accounts', async () => {
    const { db } = testApp.database;
    const sophie = people.sophie as { id: string; personal: string };
    const anna = people.anna as { id: string; personal: string };
    const granted = await proposeMandate(db, sophie.id, 'holder', {
      principalAccountId: sophie.personal,
      agent: { personId: anna.id },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: today,
    });
    await requestMandate(db, anna.id, {
      principalAccountId: sophie.personal,
      agent: { personId: anna.id },
      themes: ['debtCollection'],
      permissions: ['consult'],
      validFrom: today,
    });

    as('anna', { id: anna.personal, name: 'anna Test', kind: 'personal' });
    expect(await page()).toContain('Reçues, à accepter ou refuser : 1');

    // Sophie, in her pharmacy's account, sees that her personal account has a request to approve.
    as('sophie', { id: pharmacy, name: 'Pharmacie du Rhône SA', kind: 'professional' });
    const pharmacyView = await page();
    expect(pharmacyView).toContain('Ce qui vous attend dans le compte « Pharmacie du Rhône SA »');
    expect(pharmacyView).toMatch(/sophie Test<\/h3><p>Compte personnel<\/p><p><strong[^>]*>\d+ en attente/);

    await acceptMandate(db, anna.id, granted.id);
    as('anna', { id: anna.personal, name: 'anna Test', kind: 'personal' });
    const annaView = await page();
    expect(annaView).toContain('Procurations reçues en vigueur : 1');
    expect(annaView).toMatch(/sophie Test<\/h3><p>Vous agissez pour ce compte avec une procuration/);
  });

  it('counts what waits in an account the person acts for as they would see it there, within their mandate', async () => {
    const { db } = testApp.database;
    const sophie = people.sophie as { id: string; personal: string };
    const anna = people.anna as { id: string; personal: string };
    const authority = await createAuthority(db);
    const [mandate] = await principalsOf(db, anna.id);
    if (mandate?.accountId !== sophie.personal) throw new Error('Anna acts for Sophie since the test above');
    const answered = async (mandateId?: string) => {
      const thread = await startThread(db, {
        authorityId: authority.id,
        accountId: sophie.personal,
        subject: mandateId ? 'Impôts' : 'Santé',
        authorPersonId: mandateId ? anna.id : sophie.id,
        authorName: mandateId ? 'anna Test' : 'sophie Test',
        body: 'Bonjour',
        mandateId,
      });
      await postMessage(db, thread, {
        side: 'authority',
        authorPersonId: sophie.id,
        authorName: 'Agent',
        body: 'Réponse',
      });
    };
    const sophieCard = async () => (await page()).match(/sophie Test<\/h3><p>[^<]*<\/p><p>(.*?)<\/p>/)?.[1];

    // Sophie's own correspondence is hers: Anna's mandate does not open it, nor its count.
    as('sophie', { id: pharmacy, name: 'Pharmacie du Rhône SA', kind: 'professional' });
    const waiting = async () => Number((await sophieCard())?.match(/(\d+) en attente/)?.[1] ?? 0);
    const before = await waiting();
    await answered();
    expect(await waiting()).toBeGreaterThan(before); // the message, and the notice of it
    as('anna', { id: anna.personal, name: 'anna Test', kind: 'personal' });
    expect(await sophieCard()).toBe('Rien en attente');

    // What Anna wrote under her mandate, answered, is hers to read there.
    await answered(mandate.mandate.id);
    expect(await sophieCard()).toMatch(/2 en attente/); // the message, and its notice to her
  });

  it('shows the way to all the requests even when none is open, in each language', async () => {
    const anna = people.anna as { id: string; personal: string };
    as('anna', { id: anna.personal, name: 'anna Test', kind: 'personal' });
    for (const [lang, title, none] of [
      ['fr', 'Mes demandes', 'Aucune demande en cours.'],
      ['de', 'Meine Gesuche', 'Keine laufenden Gesuche.'],
      ['en', 'My requests', 'No open requests.'],
    ] as const) {
      const html = await (
        await testApp.app.request('/my', { headers: { 'Accept-Language': lang, Cookie: `lang=${lang}` } })
      ).text();
      expect(html).toContain(`<h2 id="my-requests">${title}</h2>`);
      expect(html).toContain(none);
      expect(html).toContain('href="/requests"');
    }
  });

  it('switches account and comes back to my space', async () => {
    const sophie = people.sophie as { id: string; personal: string };
    as('sophie', { id: sophie.personal, name: 'sophie Test', kind: 'personal' });
    const response = await testApp.app.request('/my');
    const body = new URLSearchParams({
      _csrf: csrfTokenIn(await response.text()),
      account: pharmacy,
      return: '/my',
    });
    const switched = await testApp.app.request('/accounts/switch', {
      method: 'POST',
      body,
      headers: { Cookie: cookiesFrom(response), 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(switched.status).toBe(303);
    expect(switched.headers.get('Location')).toBe('/my');
  });
});
