import type { Locale } from './locales.ts';

/** Swiss conventions in each language: fr-CH, de-CH, en-CH. */
const tag = (locale: Locale) => `${locale}-CH`;

export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeZone: 'Europe/Zurich' }).format(date);
}

/** A date in a list or table, the Swiss way in every language: `30.11.2026`. */
export function formatShortDate(_locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat('de-CH', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Zurich',
  }).format(date);
}

export function formatDateTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(tag(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Zurich',
  }).format(date);
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tag(locale)).format(value);
}

/**
 * Amounts are kept in centimes (integers) everywhere; only display turns them into francs, written the
 * Swiss way in every language: `CHF 1'234.50` (Intl's fr-CH would put the currency last).
 */
export function formatChf(_locale: Locale, centimes: number): string {
  const francs = new Intl.NumberFormat('de-CH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `CHF\u00a0${francs.format(centimes / 100)}`;
}

/** The colon after a label: French typography puts a space before it (as the catalogues write it), German and English none. */
export function colon(locale: Locale): string {
  return locale === 'fr' ? ' :' : ':';
}
