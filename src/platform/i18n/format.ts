import type { Locale } from './locales.ts';

/** Swiss conventions in each language: fr-CH, de-CH, en-CH. */
const tag = (locale: Locale) => `${locale}-CH`;

/**
 * Building an Intl formatter costs far more than formatting with one (a list of notifications on
 * "my space" built dozens per page): each is made once per language and kept.
 */
export function perLocale<T>(make: (locale: Locale) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    let formatter = made.get(locale);
    if (!formatter) {
      formatter = make(locale);
      made.set(locale, formatter);
    }
    return formatter;
  };
}

const longDate = perLocale(
  (locale) => new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeZone: 'Europe/Zurich' }),
);
const shortDate = new Intl.DateTimeFormat('de-CH', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Zurich',
});
const dateTime = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(tag(locale), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Zurich',
    }),
);
const number = perLocale((locale) => new Intl.NumberFormat(tag(locale)));
const francs = new Intl.NumberFormat('de-CH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatDate(locale: Locale, date: Date): string {
  // French writes the first day of a month as an ordinal, "1er avril"; Intl writes "1 avril".
  if (locale !== 'fr') return longDate(locale).format(date);
  return longDate(locale)
    .formatToParts(date)
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** A date in a list or table, the Swiss way in every language: `30.11.2026`. */
export function formatShortDate(_locale: Locale, date: Date): string {
  return shortDate.format(date);
}

export function formatDateTime(locale: Locale, date: Date): string {
  return dateTime(locale).format(date);
}

export function formatNumber(locale: Locale, value: number): string {
  return number(locale).format(value);
}

/**
 * Amounts are kept in centimes (integers) everywhere; only display turns them into francs, written the
 * Swiss way in every language: `CHF 1'234.50` (Intl's fr-CH would put the currency last).
 */
export function formatChf(_locale: Locale, centimes: number): string {
  return `CHF\u00a0${francs.format(centimes / 100)}`;
}

/** The colon after a label: French typography puts a space before it (as the catalogues write it), German and English none. */
export function colon(locale: Locale): string {
  return locale === 'fr' ? ' :' : ':';
}
