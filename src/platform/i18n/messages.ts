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
      return (key, params) => interpolate(texts[key], params);
    },
  };
}

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
