import { describe, expect, it } from 'vitest';
import { authorityMessages } from '../../modules/authorities/messages.ts';
import { platformMessages } from '../views/messages.ts';
import { colon, formatChf, formatDate, formatDateTime, formatNumber, formatShortDate } from './format.ts';
import { locales, pick, pickWithLanguage } from './locales.ts';
import { defineMessages } from './messages.ts';
import { negotiateLocale } from './negotiate.ts';

describe('language negotiation', () => {
  const base = { authorityLanguages: ['fr', 'de'] as const };

  it('prefers the explicit choice, then the cookie, then Accept-Language, then the authority', () => {
    expect(negotiateLocale({ ...base, chosen: 'en', cookie: 'de', acceptLanguage: 'fr' })).toBe('en');
    expect(negotiateLocale({ ...base, cookie: 'de', acceptLanguage: 'en' })).toBe('de');
    expect(negotiateLocale({ ...base, acceptLanguage: 'it-CH, en;q=0.8, de;q=0.9' })).toBe('de');
    expect(negotiateLocale({ authorityLanguages: ['de'] })).toBe('de');
  });

  it('puts a logged-in person’s stored language after this browser’s cookie, before Accept-Language', () => {
    expect(negotiateLocale({ ...base, stored: 'de', acceptLanguage: 'en' })).toBe('de');
    expect(negotiateLocale({ ...base, cookie: 'en', stored: 'de' })).toBe('en');
  });

  it('ignores unsupported and refused languages', () => {
    expect(negotiateLocale({ ...base, chosen: 'xx', cookie: 'it', acceptLanguage: 'en;q=0, it' })).toBe('fr');
  });
});

describe('message catalogues', () => {
  it.each([
    ['platform', platformMessages.catalogue],
    ['authorities', authorityMessages.catalogue],
  ])('%s has every key translated in fr, de and en', (_name, catalogue) => {
    const keys = Object.keys(catalogue.fr).sort();
    for (const locale of locales) {
      expect(Object.keys(catalogue[locale]).sort()).toEqual(keys);
      for (const key of keys) expect((catalogue[locale] as Record<string, string>)[key]?.trim()).toBeTruthy();
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const m = defineMessages({
      fr: { hi: 'Salut {name} {x}' },
      de: { hi: 'Hallo {name} {x}' },
      en: { hi: 'Hi {name} {x}' },
    });
    expect(m.translator('de')('hi', { name: 'Anna' })).toBe('Hallo Anna {x}');
  });

  it('picks the requested language, then the fallbacks, then French', () => {
    expect(pick({ fr: 'Sion', de: 'Sitten' }, 'de')).toBe('Sitten');
    expect(pick({ fr: 'Sierre', de: 'Siders' }, 'en', ['de'])).toBe('Siders');
    expect(pick({ fr: 'Sion' }, 'en')).toBe('Sion');
  });

  it('tells in which language the text it picked is, for a fallback to be marked', () => {
    expect(pickWithLanguage({ fr: 'Sion', de: 'Sitten' }, 'de')).toEqual({ text: 'Sitten', lang: 'de' });
    expect(pickWithLanguage({ fr: 'Sierre', de: 'Siders' }, 'en', ['de'])).toEqual({
      text: 'Siders',
      lang: 'de',
    });
    expect(pickWithLanguage({ fr: 'Sion' }, 'en')).toEqual({ text: 'Sion', lang: 'fr' });
  });
});

describe('plurals', () => {
  const messages = defineMessages({
    fr: { found: '{count, plural, =0 {Aucun résultat} one {# résultat} other {# résultats}} pour {q}' },
    de: { found: '{count, plural, one {# Ergebnis} other {# Ergebnisse}} für {q}' },
    en: { found: '{count, plural, one {# result} other {# results}} for {q}' },
  });

  it('chooses the form by each language’s plural rules, exact values first', () => {
    const fr = messages.translator('fr');
    expect(fr('found', { count: 0, q: 'chien' })).toBe('Aucun résultat pour chien');
    expect(fr('found', { count: 1, q: 'chien' })).toBe('1 résultat pour chien');
    expect(fr('found', { count: 1500, q: 'chien' })).toBe("1'500 résultats pour chien");
    expect(messages.translator('de')('found', { count: 1, q: 'Hund' })).toBe('1 Ergebnis für Hund');
    expect(messages.translator('de')('found', { count: 0, q: 'Hund' })).toBe('0 Ergebnisse für Hund');
    expect(messages.translator('en')('found', { count: 2, q: 'dog' })).toBe('2 results for dog');
  });
});

describe('formatting per locale', () => {
  it('formats CHF amounts kept in centimes the Swiss way in each language', () => {
    expect(formatChf('de', 123450)).toMatch(/^CHF\s1'234\.50$/);
    expect(formatChf('fr', 1700)).toMatch(/^CHF\s17\.00$/);
    expect(formatChf('en', 1700)).toMatch(/^CHF\s17\.00$/);
  });

  it('formats dates in the canton’s time zone', () => {
    const date = new Date('2026-03-01T23:30:00Z'); // already 2 March in Zurich
    expect(formatDate('fr', date)).toBe('2 mars 2026');
    expect(formatDate('de', date)).toBe('2. März 2026');
  });

  it('writes the first day of a month as French does, "1er avril", and as the other languages do', () => {
    const first = new Date('2015-04-01T10:00:00Z');
    expect(formatDate('fr', first)).toBe('1er avril 2015');
    expect(formatDate('de', first)).toBe('1. April 2015');
    expect(formatDate('en', first)).toBe('1 April 2015');
    expect(formatDate('fr', new Date('2015-04-11T10:00:00Z'))).toBe('11 avril 2015');
  });

  it('keeps each language’s own formats however the languages alternate', () => {
    const date = new Date('2026-11-30T13:05:00Z');
    for (let round = 0; round < 2; round++) {
      expect(formatDateTime('fr', date)).toBe('30 nov. 2026, 14:05');
      expect(formatDateTime('de', date)).toBe('30.11.2026, 14:05');
      expect(formatDateTime('en', date)).toBe('30 Nov 2026, 14:05');
      expect(formatDate('en', date)).toBe('30 November 2026');
      expect(formatNumber('de', 1234)).toBe("1'234");
    }
  });

  it('writes short dates the Swiss way in every language, and a colon as each language does', () => {
    const date = new Date('2026-03-01T23:30:00Z');
    for (const locale of locales) expect(formatShortDate(locale, date)).toBe('02.03.2026');
    expect(`Status${colon('de')}`).toBe('Status:');
    expect(`Statut${colon('fr')}`).toBe('Statut :');
  });
});
