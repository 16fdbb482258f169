import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import type { Locale } from '../../platform/i18n/locales.ts';
import { englishStopWords, frenchStopWords, germanStopWords } from './stop-words.ts';

/** Lower case without accents, as `catalogue_fold` does in the database (ß and æ included). */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** The folded words of a text, as the index and the queries both cut them. */
export function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** The words of a query, folded; at most eight, so a pasted paragraph stays a cheap query. */
export function queryWords(query: string): string[] {
  return [...new Set(wordsOf(query.slice(0, 200)))].filter((w) => w.length >= 2).slice(0, 8);
}

// Folded like the text they are compared with: "à" and "été" are stop words typed without accents too.
const stopWordsOf = (list: string) => new Set(list.split(' ').map(fold));
const stopWords: Record<Locale, Set<string>> = {
  fr: stopWordsOf(frenchStopWords),
  de: stopWordsOf(germanStopWords),
  en: stopWordsOf(englishStopWords),
};
const stemmers: Record<Locale, (word: string) => string> = { fr: french, de: german, en: english };

/** A word no language gives meaning to on its own ("de", "die", "the"): a query ignores it. */
export function isStopWord(word: string): boolean {
  return stopWords.fr.has(word) || stopWords.de.has(word) || stopWords.en.has(word);
}

/** A folded word as one language's snowball stemmer cuts it; null for that language's stop words. */
export function stemIn(locale: Locale, word: string): string | null {
  return stopWords[locale].has(word) ? null : stemmers[locale](word);
}
