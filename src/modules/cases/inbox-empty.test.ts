import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let spf = '';
let reference = '';
const inbox = '/back-office/authorities/spf/requests';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const citizen = await createCitizen(db, { givenNames: 'Sophie', familyName: 'Rochat' });
  ({ reference } = await openRequest(db, citizen, (await createRequestForm(db, spf)).id, {
    purpose: 'Abonnement',
  }));
});
afterAll(() => testApp?.close());

const page = async (path: string) => {
  const response = await testApp.app.request(path);
  expect(response.status).toBe(200);
  return response.text();
};

describe('the inbox when nothing matches', () => {
  it('says so instead of an empty table and its bulk assignment, and leads back to the desk', async () => {
    actor = staffActor(spf);
    const found = await page(`${inbox}?q=Abonnement`);
    expect(found).toContain(`>${reference}</a>`);
    expect(found).toContain('M’attribuer la sélection');
    expect(found).not.toContain('Aucune demande ne correspond');
    expect(found).toMatch(
      /<nav class="breadcrumbs"[^>]*>\s*<ol[^>]*>\s*<li>\s*<a href="\/back-office">Back-office<\/a>/,
    );

    // A name nobody in the inbox has; the label says what is searched.
    const none = await page(`${inbox}?q=Zwahlen`);
    expect(none).toContain('Aucune demande ne correspond à ces critères.');
    expect(none).not.toContain('M’attribuer la sélection');
    expect(none).not.toContain('<table');
    expect(none).toContain('Rechercher (référence, nom du demandeur ou contenu des réponses)');
    expect(none).toContain(
      'une option choisie dans une liste, par son libellé dans l’une des langues du formulaire.',
    );
    expect(await page(`${inbox}?q=Zwahlen&lang=de`)).toContain('Keine Gesuche entsprechen diesen Kriterien.');
    expect(await page(`${inbox}?q=Zwahlen&lang=en`)).toContain('No request matches these criteria.');

    // A short search says what it looked for and that it found none; no second message beside it.
    const short = await page(`${inbox}?q=zz`);
    expect(short).toContain(
      'Aucune référence ne commence par « zz ». Pour chercher un mot ou un nom, tapez-en au moins 3 caractères.',
    );
    expect(short).not.toContain('Aucune demande ne correspond');
    expect(short).not.toContain('<table');
  });
});
