import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { addSynonyms, fold, queryWords, searchServices } from './search.ts';
import { getService, withdrawService } from './services.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  testApp = await createTestApp(); // with the demo catalogue
  // These are the index's rules: until it is built, the database answers, and finds no typos.
  await vi.waitFor(async () => expect(await slugsFor('pursuite')).not.toEqual([]), { timeout: 10_000 });
});
afterAll(() => testApp.close());

async function slugsFor(query: string, communeSlug?: string) {
  const commune = communeSlug ? await getAuthorityBySlug(testApp.database.db, communeSlug) : null;
  const result = await searchServices(testApp.database.db, query, {
    communeId: commune?.id ?? null,
    limit: 20,
    offset: 0,
  });
  return result.entries.map((e) => e.slug);
}

describe('folding a query', () => {
  it('lower-cases, drops accents and splits on anything but letters and digits', () => {
    expect(fold('Déchèterie Straße ŒUVRE')).toBe('decheterie strasse oeuvre');
    expect(queryWords('  Extrait — des «poursuites»!  ')).toEqual(['extrait', 'des', 'poursuites']);
    expect(queryWords('a')).toEqual([]);
  });
});

describe('catalogue search', () => {
  it.each([
    ['betreibung'],
    ['Betreibungsregister'],
    ['poursuite'],
    ['pursuite'],
    ['POURSUITES'],
    ['debt collection'],
  ])('finds the debt-collection extract for “%s”, first', async (query) => {
    expect((await slugsFor(query))[0]).toBe('extrait-registre-poursuites');
  });

  it('matches without accents and with stemming', async () => {
    expect(await slugsFor('dechetterie')).toContain('carte-dechetterie-sierre');
    expect(await slugsFor('stupéfiant')).toContain('etat-mensuel-stupefiants');
    expect(await slugsFor('Steuern')).toEqual(
      expect.arrayContaining(['documents-dossier-fiscal', 'situation-fiscale']),
    );
  });

  it('requires every word, and finds nothing for nonsense', async () => {
    expect(await slugsFor('extrait chien')).toEqual([]);
    expect(await slugsFor('qwxzvk')).toEqual([]);
    expect(await slugsFor('')).toEqual([]);
  });

  it('completes the word being typed', async () => {
    expect(await slugsFor('autorisation de prat')).toEqual(['autorisation-de-pratiquer']);
  });

  it('shows a commune’s services on its own portal only, and the canton’s everywhere', async () => {
    expect(await slugsFor('chien')).toEqual(['enregistrement-chien-sion']);
    expect(await slugsFor('chien', 'sion')).toEqual(['enregistrement-chien-sion']);
    expect(await slugsFor('chien', 'sierre')).toEqual([]);
    expect(await slugsFor('poursuites', 'sierre')).toEqual(['extrait-registre-poursuites']);
  });

  it('uses the synonyms designers add', async () => {
    expect(await slugsFor('toutou')).toEqual([]);
    expect(await addSynonyms(testApp.database.db, 'test', ['Toutou', 'chien'])).toEqual(['toutou', 'chien']);
    expect(await slugsFor('toutou')).toEqual(['enregistrement-chien-sion']);
  });

  it('forgets a withdrawn service', async () => {
    const service = await getService(testApp.database.db, { slug: 'carte-dechetterie-sierre' });
    if (!service) throw new Error('demo service missing');
    await withdrawService(testApp.database.db, 'test', service);
    expect(await slugsFor('dechetterie')).toEqual([]);
  });
});
