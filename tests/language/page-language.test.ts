import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { demoCatalogue } from '../../src/modules/catalogue/index.ts';
import type { Actor } from '../../src/platform/http/access.ts';
import { createCitizen, staffActor } from '../support/factories.ts';
import { frenchLeaks, rawCodes, textInPageLanguage } from '../support/page-language.ts';
import { createTestApp } from '../support/test-app.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
});
afterAll(() => testApp.close());

async function page(path: string, locale: 'de' | 'en') {
  const response = await testApp.app.request(path, {
    headers: { Cookie: `lang=${locale}`, 'Accept-Language': locale },
  });
  expect(response.status, path).toBe(200);
  const html = await response.text();
  expect(html, path).toContain(`<html lang="${locale}"`);
  return textInPageLanguage(html);
}

describe('text in the page’s language', () => {
  it('keeps other languages out of what it reads, and marked parts in', () => {
    const text = textInPageLanguage(
      '<html lang="en"><body><p>Dog tax <span lang="fr">Impôt <b>des</b> chiens</span> paid</p><br><script>les</script></body></html>',
    );
    expect(text).toContain('Dog tax');
    expect(text).toContain('paid');
    expect(text).not.toContain('Impôt');
    expect(frenchLeaks(' pour les chiens ')).toHaveLength(2);
  });

  const publicPages = [
    '/',
    '/services',
    '/communes/sion',
    '/communes/brig-glis',
    '/services?q=dog',
    ...demoCatalogue.map((s) => `/services/${s.slug}`),
  ];
  const personPages = [
    '/my',
    '/requests',
    '/documents',
    '/mandates',
    '/payments',
    '/messages',
    '/preferences',
  ];

  it.each(['en', 'de'] as const)(
    'public pages in %s have no unmarked French and no raw codes',
    async (locale) => {
      const problems: string[] = [];
      for (const path of publicPages) {
        const text = await page(path, locale);
        problems.push(...[...frenchLeaks(text), ...rawCodes(text, locale)].map((p) => `${path}: ${p}`));
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(['en', 'de'] as const)(
    'a citizen’s pages in %s have no unmarked French and no raw codes',
    async (locale) => {
      actor = await createCitizen(testApp.database.db, { givenNames: 'Lena', familyName: 'Meier' });
      const problems: string[] = [];
      for (const path of personPages) {
        const text = await page(path, locale);
        problems.push(...[...frenchLeaks(text), ...rawCodes(text, locale)].map((p) => `${path}: ${p}`));
      }
      actor = null;
      expect(problems).toEqual([]);
    },
  );

  it.each(['en', 'de'] as const)(
    'a clerk’s pages in %s have no unmarked French and no raw codes',
    async (locale) => {
      const sion = await getAuthorityBySlug(testApp.database.db, 'sion');
      if (!sion) throw new Error('demo commune missing');
      actor = { ...staffActor(sion.id, 'authorityAdmin'), language: locale };
      const problems: string[] = [];
      for (const what of ['requests', 'documents', 'messages', 'payments', 'notification-templates']) {
        const path = `/back-office/authorities/sion/${what}`;
        const text = await page(path, locale);
        problems.push(...[...frenchLeaks(text), ...rawCodes(text, locale)].map((p) => `${path}: ${p}`));
      }
      actor = null;
      expect(problems).toEqual([]);
    },
  );

  it.each(['en', 'de'] as const)('a designer’s pages in %s name who saved, in words', async (locale) => {
    const service = demoCatalogue[0];
    const owner = service && (await getAuthorityBySlug(testApp.database.db, service.authority));
    if (!owner) throw new Error('demo catalogue missing');
    actor = { ...staffActor(owner.id, 'serviceDesigner'), language: locale };
    const text = await page(`/back-office/catalogue/${service.slug}`, locale);
    actor = null;
    expect(rawCodes(text, locale)).toEqual([]);
    expect(text).toContain(locale === 'en' ? 'Guichet (initial data)' : 'Guichet (Anfangsdaten)');
  });
});
