import MiniSearch, { type QueryCombination } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { type Locale, locales } from '../../platform/i18n/locales.ts';
import { fold, isStopWord, queryWords, stemIn, wordsOf } from './search-words.ts';
import type { ServiceEntry } from './services.ts';

/** A published service as search sees it: its public entry, and whether a commune's portal alone shows it. */
export interface IndexedService {
  entry: ServiceEntry;
  communal: boolean;
}

interface Held extends IndexedService {
  /** Its French name folded: the order of equally good matches. */
  nameKey: string;
}

export interface SearchResult {
  total: number;
  entries: ServiceEntry[];
}

const fields = ['name', 'summary', 'text'] as const;
type Field = (typeof fields)[number];
// Names before summaries before the rest, as the database's A, B and C weights ranked them.
const boost: Record<Field, number> = { name: 5, summary: 2, text: 1 };

function textOf(entry: ServiceEntry, field: Field, locale: Locale): string {
  const { content } = entry;
  if (field !== 'text') return content[field][locale] ?? '';
  return `${content.description[locale] ?? ''}\n${content.documentsIssued[locale] ?? ''}`;
}

/** A service's folded words, per field and language: what it is indexed under. */
function wordsByField(entry: ServiceEntry): Record<Field, string[][]> {
  const [name, summary, text] = fields.map((field) =>
    locales.map((locale) => wordsOf(textOf(entry, field, locale))),
  );
  return { name: name ?? [], summary: summary ?? [], text: text ?? [] };
}

/** The words a misspelt or partly typed query word may stand for: those of 3 letters or more. */
function vocabularyOf(words: Record<Field, string[][]>): Set<string> {
  return new Set(fields.flatMap((field) => words[field].flat()).filter((w) => w.length >= 3));
}

/** Word matches kept, counted in services: a few megabytes at most. */
const maxCached = 100_000;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const chunk = 500;

/**
 * The published catalogue in memory, searched as the database's full-text configurations did: each
 * language's text stemmed by its own snowball stemmer without its stop words, every query word
 * required, and each one standing for itself, the catalogue's words a typo or two away (one from five
 * letters, two from eight), the compounds that start with it ("Betreibungsregister" for "Betreibung")
 * and the designers' synonyms of all these; the last word completed as it is typed.
 */
export class CatalogueIndex {
  private readonly services = new Map<string, Held>();
  /** Every folded word of the published texts, with the number of services that use it. */
  private readonly vocabulary = new SearchableMap<number>();
  private synonyms = new Map<string, string[]>();
  // Indexing meets the same words again and again; stemming each once makes a rebuild several times faster.
  private readonly stems: Record<Locale, Map<string, string | null>> = {
    fr: new Map(),
    de: new Map(),
    en: new Map(),
  };
  /** Recent words' matches, least recently used first; `cached` counts their services. */
  private readonly matchesOf = new Map<string, Map<string, number>>();
  private cached = 0;
  // A field holds the words of all three languages, each stemmed in its own: like the database's
  // document, where a query's German stem could also meet a French word stemmed alike.
  private readonly miniSearch = new MiniSearch<{ id: string } & Record<Field, string>>({
    fields: [...fields],
    tokenize: (stems) => stems.split(' '),
    processTerm: (stem) => stem || null,
    searchOptions: { boost },
  });

  private stemOf(locale: Locale, word: string): string {
    const stems = this.stems[locale];
    let stem = stems.get(word);
    if (stem === undefined) {
      stem = stemIn(locale, word);
      stems.set(word, stem);
    }
    return stem ?? '';
  }

  get size(): number {
    return this.services.size;
  }

  put(service: IndexedService): void {
    this.remove(service.entry.id);
    this.forgetMatches();
    const { entry } = service;
    this.services.set(entry.id, { ...service, nameKey: fold(entry.content.name.fr) });
    const words = wordsByField(entry);
    const stemmed = (field: Field) =>
      locales.flatMap((locale, i) => (words[field][i] ?? []).map((w) => this.stemOf(locale, w))).join(' ');
    this.miniSearch.add({
      id: entry.id,
      name: stemmed('name'),
      summary: stemmed('summary'),
      text: stemmed('text'),
    });
    for (const word of vocabularyOf(words)) this.vocabulary.update(word, (count = 0) => count + 1);
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
    this.forgetMatches();
    this.services.delete(serviceId);
    this.miniSearch.discard(serviceId);
    for (const word of vocabularyOf(wordsByField(service.entry))) {
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
    this.forgetMatches();
  }

  private forgetMatches(): void {
    this.matchesOf.clear();
    this.cached = 0;
  }

  /** Services matching `query` on a portal (the canton's: null), best first, then by French name. */
  search(query: string, options: { communeId: string | null; limit: number; offset: number }): SearchResult {
    const words = queryWords(query);
    // Every word required (its score added, as MiniSearch's AND does), the rarest looked through first.
    const [rarest, ...others] = words
      .flatMap((word, i) => (isStopWord(word) ? [] : [this.wordScores(word, i === words.length - 1)]))
      .sort((a, b) => a.size - b.size);
    const matches: { score: number; service: Held }[] = [];
    for (const [id, first] of rarest ?? []) {
      let score = first;
      for (const other of others) score += other.get(id) ?? Number.NaN;
      const service = this.services.get(id);
      if (!Number.isNaN(score) && service && inScope(service, options.communeId))
        matches.push({ score, service });
    }
    matches.sort((a, b) => b.score - a.score || compare(a.service.nameKey, b.service.nameKey));
    return {
      total: matches.length,
      entries: matches.slice(options.offset, options.offset + options.limit).map((m) => m.service.entry),
    };
  }

  /**
   * The services one query word matches, with their scores; kept until the index changes, since what
   * people type repeats (each keystroke asks again for the words before the last).
   */
  private wordScores(word: string, last: boolean): Map<string, number> {
    const key = last ? `${word}*` : word;
    let scores = this.matchesOf.get(key);
    if (scores) {
      this.matchesOf.delete(key);
    } else {
      scores = new Map(
        this.miniSearch.search(this.wordQuery(word, last)).map((r) => [r.id as string, r.score]),
      );
      this.cached += scores.size;
      for (const [oldest, them] of this.matchesOf) {
        if (this.cached <= maxCached) break;
        this.matchesOf.delete(oldest);
        this.cached -= them.size;
      }
    }
    this.matchesOf.set(key, scores);
    return scores;
  }

  /** What one query word matches: any of its stand-ins, stemmed in each language. */
  private wordQuery(word: string, last: boolean): QueryCombination {
    const known = new Set([word]);
    if (word.length >= 5) for (const [compound] of this.vocabulary.atPrefix(word)) known.add(compound);
    const edits = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
    if (edits > 0) for (const near of this.vocabulary.fuzzyGet(word, edits).keys()) known.add(near);
    const standIns = new Set(known);
    for (const term of known) for (const synonym of this.synonyms.get(term) ?? []) standIns.add(synonym);
    const stems = new Set<string>();
    const typed = new Set<string>();
    for (const term of standIns)
      for (const locale of locales) {
        const stem = stemIn(locale, term);
        if (stem === null) continue;
        stems.add(stem);
        if (last && term.length >= 3) typed.add(stem);
      }
    return { queries: [[...stems].join(' ')], combineWith: 'OR', prefix: (stem: string) => typed.has(stem) };
  }
}

function inScope(service: Held, communeId: string | null): boolean {
  return communeId === null || !service.communal || service.entry.authorityId === communeId;
}
