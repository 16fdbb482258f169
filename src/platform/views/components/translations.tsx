import { type Locale, type LocalisedText, locales } from '../../i18n/locales.ts';
import { usePage } from '../page-context.ts';
import { Tag } from './tag.tsx';

/** Texts in fr, de and en side by side; a missing translation is flagged. */
export function Translations(props: {
  name: string;
  legend: string;
  value: LocalisedText | undefined;
  multiline?: boolean;
  hint?: string;
}) {
  const { t, locale: pageLocale } = usePage();
  const languages = new Intl.DisplayNames([pageLocale], { type: 'language' });
  return (
    <fieldset class="fieldset" aria-describedby={props.hint ? `${props.name}-hint` : undefined}>
      <legend class="fieldset__legend">{props.legend}</legend>
      {props.hint && (
        <p class="field__hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      <div class="translations">
        {locales.map((locale) => {
          const id = `${props.name}-${locale}`;
          const value = props.value?.[locale] ?? '';
          const missing = !value && Boolean(props.value?.fr);
          return (
            <div class="field">
              <label class="field__label" for={id}>
                {t('textIn', { language: languages.of(locale) ?? locale })}
              </label>
              {missing && (
                <p id={`${id}-missing`}>
                  <Tag tone="warning">{t('translationMissing')}</Tag>
                </p>
              )}
              {props.multiline ? (
                <textarea
                  class="field__input"
                  id={id}
                  name={`${props.name}.${locale}`}
                  lang={locale}
                  rows={3}
                  aria-describedby={missing ? `${id}-missing` : undefined}
                >
                  {value}
                </textarea>
              ) : (
                <input
                  class="field__input"
                  id={id}
                  name={`${props.name}.${locale}`}
                  lang={locale}
                  value={value}
                  aria-describedby={missing ? `${id}-missing` : undefined}
                />
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The texts `Translations` posted under `name`, or nothing when the French one is empty. */
export function localisedFrom(
  posted: Record<string, unknown>,
  name: string,
  max = 2000,
): LocalisedText | undefined {
  const text: Partial<Record<Locale, string>> = {};
  for (const locale of locales) {
    const value = posted[`${name}.${locale}`];
    if (typeof value === 'string' && value.trim()) text[locale] = value.trim().slice(0, max);
  }
  return text.fr ? (text as LocalisedText) : undefined;
}

export const translationsExamples = [
  () => (
    <Translations
      name="title"
      legend="Titre de la démarche"
      value={{ fr: 'Inscription d’un chien', de: 'Anmeldung eines Hundes' }}
    />
  ),
];
