import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every catalogue, found on disk so a new module's messages are checked without being listed here.
function catalogueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return catalogueFiles(path);
    return /(^|-)messages\.ts$/.test(entry.name) ? [path] : [];
  });
}

type Catalogue = Record<'fr' | 'de' | 'en', Record<string, string>>;

async function catalogues(): Promise<[string, Catalogue][]> {
  const found: [string, Catalogue][] = [];
  for (const file of catalogueFiles('src')) {
    const exports = (await import(`../../${file}`)) as Record<string, { catalogue?: Catalogue }>;
    for (const [name, value] of Object.entries(exports)) {
      if (value?.catalogue) found.push([`${relative('src', file)} ${name}`, value.catalogue]);
    }
  }
  return found;
}

describe('message typography', () => {
  it('finds the catalogues', async () => {
    expect((await catalogues()).length).toBeGreaterThanOrEqual(12);
  });

  // A space before `:` (and `;`, `?`, `!`) is French typography; German and English write none.
  it('puts no space before a colon in German and English', async () => {
    const wrong: string[] = [];
    for (const [name, catalogue] of await catalogues()) {
      for (const locale of ['de', 'en'] as const) {
        for (const [key, text] of Object.entries(catalogue[locale])) {
          if (/[ \u00a0\u202f][:;?!](\s|$)/.test(text)) wrong.push(`${name} ${locale}.${key}: ${text}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  // "(s)" is how one dodges a plural; the messages have `{count, plural, …}` for that.
  it('writes plurals with plural rules, not "(s)" or "(n)"', async () => {
    const wrong: string[] = [];
    for (const [name, catalogue] of await catalogues()) {
      for (const locale of ['fr', 'de', 'en'] as const) {
        for (const [key, text] of Object.entries(catalogue[locale])) {
          if (/\w\((s|n|e|en|es)\)/.test(text)) wrong.push(`${name} ${locale}.${key}: ${text}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
