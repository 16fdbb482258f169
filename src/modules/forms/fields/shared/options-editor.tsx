import type { Child } from 'hono/jsx';
import type { LocalisedText } from '../../../../platform/i18n/locales.ts';
import type { BuilderT } from '../field-kind.ts';

export interface Option {
  value: string;
  label: LocalisedText;
}

const languages = [
  ['fr', 'optionFr'],
  ['de', 'optionDe'],
  ['en', 'optionEn'],
] as const;

/** How many empty rows the designer asked for (the "add" button comes back with one more). */
export const blankRows = (query: Record<string, string> | undefined) =>
  Math.min(Math.max(Number.parseInt(query?.blankOptions ?? '', 10) || 1, 1), 20);

/**
 * The answers proposed, as a table: a row per answer (its code, its text in each language, a box to
 * remove it) and empty rows to add more; the "add" button saves and comes back with one more empty
 * row, so that it works without JavaScript.
 */
export function OptionsEditor(props: {
  options: Option[] | undefined;
  t: BuilderT;
  query?: Record<string, string>;
}): Child {
  const { t } = props;
  const blanks = blankRows(props.query);
  const rows: (Option | undefined)[] = [
    ...(props.options ?? []),
    ...Array.from({ length: blanks }, () => undefined),
  ];
  return (
    <div class="field">
      <input type="hidden" name="optionRows" value={String(rows.length)} />
      <div class="table-wrapper">
        <table class="table">
          <caption class="table__caption">{t('options')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('optionValue')}</th>
              {languages.map(([, key]) => (
                <th scope="col">{t(key)}</th>
              ))}
              <th scope="col">{t('optionRemove')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((option, i) => {
              const row = t('optionRow', { row: i + 1 });
              return (
                <tr>
                  <td>
                    <input
                      class="field__input"
                      name={`option-${i}-value`}
                      value={option?.value ?? ''}
                      aria-label={`${t('optionValue')}, ${row}`}
                      aria-describedby="options-hint"
                    />
                  </td>
                  {languages.map(([language, key]) => (
                    <td>
                      <input
                        class="field__input"
                        name={`option-${i}-${language}`}
                        lang={language}
                        value={option?.label[language] ?? ''}
                        aria-label={`${t(key)}, ${row}`}
                      />
                    </td>
                  ))}
                  <td>
                    {option && (
                      <input
                        type="checkbox"
                        name={`option-${i}-remove`}
                        value="yes"
                        aria-label={`${t('optionRemove')}, ${row}`}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="field__hint" id="options-hint">
        {t('optionsHint')}
      </p>
      <button type="submit" class="button button--secondary" name="stay" value={`blankOptions=${blanks + 1}`}>
        {t('addOption')}
      </button>
    </div>
  );
}

/** A code for an answer from its French text, e.g. `Chien d'assistance` → `chien-d-assistance`. */
const codeOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);

/**
 * The field with the answers posted by `OptionsEditor`: rows without a French text or ticked for
 * removal are dropped; a row without a valid code gets one from its French text, unique in the list.
 */
export function withOptions<F extends { options?: Option[] }>(
  field: F,
  posted: Record<string, string | File>,
): F {
  const text = (name: string) => (typeof posted[name] === 'string' ? (posted[name] as string).trim() : '');
  const count = Math.min(Number.parseInt(text('optionRows'), 10) || 0, 200);
  if (!('optionRows' in posted)) return field;
  const options: Option[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const [fr, de, en] = languages.map(([language]) => text(`option-${i}-${language}`));
    if (!fr || text(`option-${i}-remove`) === 'yes') continue;
    const typed = text(`option-${i}-value`);
    const base = /^[\w-]{1,40}$/.test(typed) ? typed : codeOf(fr) || `option${i + 1}`;
    let value = base;
    for (let n = 2; taken.has(value); n++) value = `${base}-${n}`;
    taken.add(value);
    options.push({ value, label: { fr, ...(de && { de }), ...(en && { en }) } });
  }
  return { ...field, options };
}

/** Two answers to start from. */
export const starterOptions = (): Option[] => [
  { value: 'a', label: { fr: 'Réponse A' } },
  { value: 'b', label: { fr: 'Réponse B' } },
];
