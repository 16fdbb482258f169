import type { Child } from 'hono/jsx';
import type { LocalisedText } from '../../../../platform/i18n/locales.ts';
import type { BuilderT } from '../field-kind.ts';

export interface Option {
  value: string;
  label: LocalisedText;
}

/** The answers proposed, as the designer writes them: one per line, `value | fr | de | en`. */
export function OptionsEditor(props: { options: Option[] | undefined; t: BuilderT }): Child {
  const { t } = props;
  return (
    <div class="field">
      <label class="field__label" for="options">
        {t('options')}
      </label>
      <p class="field__hint" id="options-hint">
        {t('optionsHint')}
      </p>
      <textarea class="field__input" id="options" name="options" rows={5} aria-describedby="options-hint">
        {(props.options ?? [])
          .map((o) => [o.value, o.label.fr, o.label.de ?? '', o.label.en ?? ''].join(' | '))
          .join('\n')}
      </textarea>
    </div>
  );
}

/** The field with the options posted by `OptionsEditor`; lines without a value or a French text are dropped. */
export function withOptions<F extends { options?: Option[] }>(
  field: F,
  posted: Record<string, string | File>,
): F {
  const text = typeof posted.options === 'string' ? posted.options.trim() : '';
  const options = text
    .split('\n')
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter(([value, fr]) => value && fr && /^[\w-]{1,40}$/.test(value))
    .map(([value, fr, de, en]) => ({
      value: value as string,
      label: { fr: fr as string, ...(de && { de }), ...(en && { en }) },
    }));
  return options.length > 0 ? { ...field, options } : field;
}

/** Two answers to start from. */
export const starterOptions = (): Option[] => [
  { value: 'a', label: { fr: 'Réponse A' } },
  { value: 'b', label: { fr: 'Réponse B' } },
];
