import MiniSearch, { type Query, type QueryCombination } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { type Locale, locales } from '../../platform/i18n/locales.ts';
import { isStopWord, queryWords, stemIn, wordsOf } from './search-words.ts';
import { searchableText } from './service-content.ts';
import type { ServiceEntry } from './services.ts';

/** A published service as search sees it: its public entry, and whether a commune's portal alone shows it. */
export interface IndexedService {
  entry: ServiceEntry;
  communal: boolean;
}

export interface SearchResult {
  total: number;
  entries: ServiceEntry[];
}

const parts = ['name', 'summary', 'text'] as const;
type Part = (typeof parts)[number];
type Field = `${Part}_${Locale}`;
const fieldsIn = (locale: Locale) => parts.map((part): Field => `${part}_${locale}`);
const allFields = locales.flatMap(fieldsIn);
// Names before summaries before the rest, as the database's A, B and C weights ranked them.
const weight: Record<Part, number> = { name: 5, summary: 2, text: 1 };
const boost = Object.fromEntries(allFields.map((field) => [field, weight[field.split('_')[0] as Part]]));

function textOf(entry: ServiceEntry, field: Field): string {
  const [part, locale] = field.split('_') as [Part, Locale];
  const { content } = entry;
  if (part !== 'text') return content[part][locale] ?? '';
  return `${content.description[locale] ?? ''}\n${content.documentsIssued[locale] ?? ''}`;
}

/** The words a misspelt or partly typed query word may stand for: those of 3 letters or more. */
function vocabularyOf(entry: ServiceEntry): Set<string> {
  const text = locales.map((locale) => searchableText(entry.content, locale)).join('\n');
  return new Set(wordsOf(text).filter((w) => w.length >= 3));
}

const byFrenchName = new Intl.Collator('fr');
const chunk = 500;

/**
 * The published catalogue in memory, searched as the database's full-text configurations did: each
 * language's text stemmed by its own snowball stemmer without its stop words, every query word
 * required, and each one standing for itself, the catalogue's words a typo or two away (one from five
 * letters, two from eight), the compounds that start with it ("Betreibungsregister" for "Betreibung")
 * and the designers' synonyms of all these; the last word completed as it is typed.
 */
export class CatalogueIndex {
  private readonly services = new Map<string, IndexedService>();
  /** Every folded word of the published texts, with the number of services that use it. */
  private readonly vocabulary = new SearchableMap<number>();
  private synonyms = new Map<string, string[]>();
  // Indexing meets the same words again and again; stemming each once makes a rebuild several times faster.
  private readonly stems = new Map<string, string | null>();
  private readonly miniSearch = new MiniSearch<IndexedService>({
    fields: allFields,
    extractField: (service, field) =>
      field === 'id' ? service.entry.id : textOf(service.entry, field as Field),
    tokenize: wordsOf,
    processTerm: (word, field) => {
      const key = `${field?.slice(-2)}:${word}`;
      let stem = this.stems.get(key);
      if (stem === undefined) {
        stem = stemIn(field?.slice(-2) as Locale, word);
        this.stems.set(key, stem);
      }
      return stem;
    },
    // Query terms arrive stemmed (one query per language): taken as they are.
    searchOptions: { boost, tokenize: (terms) => terms.split(' '), processTerm: (term) => term },
  });

  get size(): number {
    return this.services.size;
  }

  put(service: IndexedService): void {
    this.remove(service.entry.id);
    this.services.set(service.entry.id, service);
    this.miniSearch.add(service);
    for (const word of vocabularyOf(service.entry)) this.vocabulary.update(word, (count = 0) => count + 1);
  }

  /** Adds many, yielding to other work between chunks so that a rebuild never holds searches up long. */
  async putAll(services: IndexedService[]): Promise<void> {
    for (let i = 0; i < services.length; i += chunk) {
      for (const service of services.slice(i, i + chunk)) this.put(service);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  remove(serviceId: string): void {
    const service = this.services.get(serviceId);
    if (!service) return;
    this.services.delete(serviceId);
    this.miniSearch.discard(serviceId);
    for (const word of vocabularyOf(service.entry)) {
      const count = (this.vocabulary.get(word) ?? 1) - 1;
      if (count === 0) this.vocabulary.delete(word);
      else this.vocabulary.set(word, count);
    }
  }

  /** Groups of folded terms that mean the same. */
  setSynonyms(groups: string[][]): void {
    const synonyms = new Map<string, string[]>();
    for (const terms of groups)
      for (const term of terms) synonyms.set(term, [...(synonyms.get(term) ?? []), ...terms]);
    this.synonyms = synonyms;
  }

  /** Services matching `query` on a portal (the canton's: null), best first, then by French name. */
  search(query: string, options: { communeId: string | null; limit: number; offset: number }): SearchResult {
    const words = queryWords(query);
    const groups = words.flatMap((word, i) =>
      isStopWord(word) ? [] : [this.wordQuery(word, i === words.length - 1)],
    );
    if (groups.length === 0) return { total: 0, entries: [] };
    const matches = this.miniSearch
      .search({ combineWith: 'AND', queries: groups })
      .flatMap(({ id, score }) => {
        const service = this.services.get(id);
        return service && inScope(service, options.communeId) ? [{ score, entry: service.entry }] : [];
      })
      .sort(
        (a, b) => b.score - a.score || byFrenchName.compare(a.entry.content.name.fr, b.entry.content.name.fr),
      );
    return {
      total: matches.length,
      entries: matches.slice(options.offset, options.offset + options.limit).map((m) => m.entry),
    };
  }

  /** What one query word matches: any of its stand-ins, stemmed in each language. */
  private wordQuery(word: string, last: boolean): QueryCombination {
    const known = new Set([word]);
    if (word.length >= 5) for (const [compound] of this.vocabulary.atPrefix(word)) known.add(compound);
    const edits = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
    if (edits > 0) for (const near of this.vocabulary.fuzzyGet(word, edits).keys()) known.add(near);
    const standIns = new Set(known);
    for (const term of known) for (const synonym of this.synonyms.get(term) ?? []) standIns.add(synonym);
    const queries = locales.flatMap((locale): Query[] => {
      const stems = new Set<string>();
      const typed = new Set<string>();
      for (const term of standIns) {
        const stem = stemIn(locale, term);
        if (stem === null) continue;
        stems.add(stem);
        if (last && term.length >= 3) typed.add(stem);
      }
      if (stems.size === 0) return [];
      return [
        {
          queries: [[...stems].join(' ')],
          fields: fieldsIn(locale),
          combineWith: 'OR',
          prefix: (stem: string) => typed.has(stem),
        },
      ];
    });
    return { combineWith: 'OR', queries };
  }
}

function inScope(service: IndexedService, communeId: string | null): boolean {
  return communeId === null || !service.communal || service.entry.authorityId === communeId;
}
