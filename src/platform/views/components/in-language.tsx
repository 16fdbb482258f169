import { type Locale, type LocalisedText, pickWithLanguage } from '../../i18n/locales.ts';

/**
 * A stored text (service, authority, field name) in the page's language when it has it; otherwise its
 * fallback, marked with its own `lang` so screen readers pronounce it right (WCAG 3.1.2).
 *
 * @example <InLanguage text={{ fr: 'Chiens' }} locale="en" /> // <span lang="fr">Chiens</span>
 */
export function InLanguage(props: { text: LocalisedText; locale: Locale; fallbacks?: readonly Locale[] }) {
  const { text, lang } = pickWithLanguage(props.text, props.locale, props.fallbacks);
  return lang === props.locale ? text : <span lang={lang}>{text}</span>;
}

export const inLanguageExamples = [
  () => (
    <p>
      <InLanguage text={{ fr: 'Impôt sur les chiens', en: 'Tax on dogs, paid yearly' }} locale="en" />
    </p>
  ),
  () => (
    <p>
      <InLanguage text={{ fr: 'Impôt sur les chiens' }} locale="en" />
    </p>
  ),
];
