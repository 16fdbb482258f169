import { isLocale, type Locale } from './locales.ts';

/**
 * The interface language: the user's explicit choice (the `lang` query parameter from the language
 * switch), then this browser's language cookie, then the logged-in person's stored preference (a new
 * device), then Accept-Language, then the first official language of the authority whose page it is.
 */
export function negotiateLocale(input: {
  chosen?: string | undefined;
  cookie?: string | undefined;
  stored?: string | undefined;
  acceptLanguage?: string | undefined;
  authorityLanguages: readonly Locale[];
}): Locale {
  if (isLocale(input.chosen)) return input.chosen;
  if (isLocale(input.cookie)) return input.cookie;
  if (isLocale(input.stored)) return input.stored;
  const accepted = parseAcceptLanguage(input.acceptLanguage ?? '');
  if (accepted) return accepted;
  return input.authorityLanguages[0] ?? 'fr';
}

/** Browsers send few distinct headers: each is parsed once (the memo is bounded all the same). */
const parsed = new Map<string, Locale | undefined>();

function parseAcceptLanguage(header: string): Locale | undefined {
  if (parsed.has(header)) return parsed.get(header);
  if (parsed.size >= 1000) parsed.clear();
  const locale = preferredLocale(header);
  parsed.set(header, locale);
  return locale;
}

function preferredLocale(header: string): Locale | undefined {
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...attributes] = part.trim().split(';');
      const q = attributes.map((a) => a.trim()).find((a) => a.startsWith('q='));
      return { language: tag.toLowerCase().split('-')[0], quality: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  return ranked.map((entry) => entry.language).find(isLocale);
}
