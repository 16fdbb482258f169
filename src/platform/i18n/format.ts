import type { Locale } from './locales.ts';

/** Swiss conventions in each language: fr-CH, de-CH, en-CH. */
const tag = (locale: Locale) => `${locale}-CH`;

export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeZone: 'Europe/Zurich' }).format(date);
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

/** Amounts are kept in centimes (integers) everywhere; only display turns them into francs. */
export function formatChf(locale: Locale, centimes: number): string {
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'CHF' }).format(centimes / 100);
}
