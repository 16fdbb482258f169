export const locales = ['fr', 'de', 'en'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** A text in several languages, as stored for names and descriptions; French is always present. */
export type LocalisedText = { fr: string } & Partial<Record<Exclude<Locale, 'fr'>, string>>;

/** The text in `locale`, else in the first of `fallbacks` that has it, else French. */
export function pick(text: LocalisedText, locale: Locale, fallbacks: readonly Locale[] = []): string {
  return pickWithLanguage(text, locale, fallbacks).text;
}

/**
 * `pick`, telling in which language the text is: a French fallback inside an English page must be
 * marked `lang="fr"` for screen readers and translation tools (see `InLanguage`).
 */
export function pickWithLanguage(
  text: LocalisedText,
  locale: Locale,
  fallbacks: readonly Locale[] = [],
): { text: string; lang: Locale } {
  for (const candidate of [locale, ...fallbacks]) {
    const value = text[candidate];
    if (value) return { text: value, lang: candidate };
  }
  return { text: text.fr, lang: 'fr' };
}
