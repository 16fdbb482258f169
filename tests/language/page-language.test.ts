import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { demoCatalogue } from '../../src/modules/catalogue/index.ts';
import type { Actor } from '../../src/platform/http/access.ts';
import { staffActor } from '../support/factories.ts';
import { createTestApp } from '../support/test-app.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
});
afterAll(() => testApp.close());

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * The text a reader meets in the page's own language: everything outside `<script>`/`<style>` and
 * outside any element whose `lang` says it is in another language.
 */
export function textInPageLanguage(html: string): string {
  const pageLang = html.match(/<html[^>]*\blang="([^"]+)"/)?.[1];
  const body = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const stack: { tag: string; foreign: boolean }[] = [];
  const parts: string[] = [];
  const tagPattern = /<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g;
  let last = 0;
  for (const match of body.matchAll(tagPattern)) {
    if (!stack.some((e) => e.foreign)) parts.push(body.slice(last, match.index));
    last = match.index + match[0].length;
    const [, closing, rawTag = '', attributes = ''] = match;
    const tag = rawTag.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at >= 0) stack.length = at;
    } else if (!voidElements.has(tag) && !attributes.trimEnd().endsWith('/')) {
      const lang = attributes.match(/\blang="([^"]*)"/)?.[1];
      stack.push({ tag, foreign: lang !== undefined && tag !== 'html' && lang !== pageLang });
    }
    parts.push(' ');
  }
  parts.push(body.slice(last));
  return parts
    .join('')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

// Words that are only French: common enough to show up when French leaks, rare enough in German and
// English (names of places and authorities are left out on purpose).
const frenchMarkers = [
  ' de la ',
  ' les ',
  ' vous ',
  ' votre ',
  ' pour ',
  'Démarche',
  'Référence',
  'Demande',
  ' être ',
];

function leaks(text: string): string[] {
  return frenchMarkers.flatMap((word) => {
    const at = text.indexOf(word);
    return at < 0 ? [] : [`“${word.trim()}” in …${text.slice(Math.max(0, at - 60), at + 60)}…`];
  });
}

// Codes meant for the machine: actor references, and a label typeset the French way.
function rawCodes(text: string, locale: 'de' | 'en'): string[] {
  const found = [
    ...text.matchAll(/person:[0-9a-f]{8}-|cli:seed|\w\((s|n)\)/g),
    ...(locale === 'de' || locale === 'en' ? text.matchAll(/\S[ {2}]:(\s|$)/g) : []),
  ];
  return found.map(
    (m) => `${m[0]} in …${text.slice(Math.max(0, (m.index ?? 0) - 60), (m.index ?? 0) + 40)}…`,
  );
}

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
    expect(leaks(' pour les chiens ')).toHaveLength(2);
  });

  const publicPages = [
    '/',
    '/services',
    '/communes/sion',
    '/communes/brig-glis',
    ...demoCatalogue.slice(0, 6).map((s) => `/services/${s.slug}`),
  ];

  it.each(['en', 'de'] as const)(
    'public pages in %s have no unmarked French and no raw codes',
    async (locale) => {
      const problems: string[] = [];
      for (const path of publicPages) {
        const text = await page(path, locale);
        problems.push(...[...leaks(text), ...rawCodes(text, locale)].map((p) => `${path}: ${p}`));
      }
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
