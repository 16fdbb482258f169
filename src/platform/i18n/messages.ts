import { perLocale } from './format.ts';
import type { Locale } from './locales.ts';

type Params = Record<string, string | number>;
export type Translate<Key extends string> = (key: Key, params?: Params) => string;

/**
 * A module's message catalogue. French is the reference: German and English must have exactly its
 * keys, so a missing or misspelt translation is a type error.
 *
 * @example
 * const messages = defineMessages({ fr: { hello: 'Bonjour {name}' }, de: { hello: 'Hallo {name}' }, en: { hello: 'Hello {name}' } });
 * messages.translator('de')('hello', { name: 'Anna' }); // 'Hallo Anna'
 */
export function defineMessages<const Fr extends Record<string, string>>(catalogue: {
  fr: Fr;
  de: Record<keyof Fr, string>;
  en: Record<keyof Fr, string>;
}) {
  type Key = keyof Fr & string;
  return {
    catalogue: catalogue as Record<Locale, Record<Key, string>>,
    translator(locale: Locale): Translate<Key> {
      const texts = catalogue[locale] as Record<Key, string>;
      return (key, params) => interpolate(texts[key], params, locale);
    },
  };
}

// `{count, plural, one {# result} other {# results}}` (the ICU subset messages need): the form is chosen
// by the language's own plural rules, `=0` and other exact matches first; `#` is the number.
const pluralPattern = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const pluralCase = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

const pluralRules = perLocale((locale) => new Intl.PluralRules(`${locale}-CH`));
const numbers = perLocale((locale) => new Intl.NumberFormat(`${locale}-CH`));

function interpolate(text: string, params: Params | undefined, locale: Locale): string {
  if (!params) return text;
  const plurals = text.replace(pluralPattern, (whole, name: string, cases: string) => {
    const value = Number(params[name]);
    if (!(name in params) || Number.isNaN(value)) return whole;
    const forms = new Map([...cases.matchAll(pluralCase)].map((m) => [m[1], m[2] ?? '']));
    const chosen =
      forms.get(`=${value}`) ?? forms.get(pluralRules(locale).select(value)) ?? forms.get('other');
    return chosen === undefined ? whole : chosen.replaceAll('#', numbers(locale).format(value));
  });
  return plurals.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
