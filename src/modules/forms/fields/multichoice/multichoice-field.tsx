import { pick } from '../../../../platform/i18n/locales.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { ChoiceList } from '../shared/input-parts.tsx';
import { type Option, OptionsEditor, starterOptions, withOptions } from '../shared/options-editor.tsx';

export interface MultichoiceField extends BaseField<'multichoice'> {
  options?: Option[];
}

/** Any number of the answers proposed, as checkboxes; the answer is the list of their values. */
export const multichoiceField: FieldKind<MultichoiceField> = {
  type: 'multichoice',
  name: { fr: 'Choix multiple', de: 'Mehrfachauswahl', en: 'Multiple choice' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({ options: starterOptions() }),
  examples: { valid: [['a'], ['a', 'b']], invalid: [['a', 'a'], ['c'], 'a'] },
  problems: (field) => (field.options?.length ? [] : [`options:${field.id}`]),
  parse(_field, posted, name) {
    const value = posted[name];
    return (Array.isArray(value) ? value : value ? [value] : []).filter(
      (v): v is string => typeof v === 'string',
    );
  },
  check: (field, value) =>
    Array.isArray(value) &&
    new Set(value).size === value.length &&
    value.every((v) => field.options?.some((o) => o.value === v))
      ? undefined
      : 'option',
  display: (field, value, locale) =>
    (value as string[])
      .map((v) => pick(field.options?.find((o) => o.value === v)?.label ?? { fr: v }, locale))
      .join(', '),
  schema: (field) => ({
    type: 'array',
    uniqueItems: true,
    items: { enum: (field.options ?? []).map((o) => o.value) },
  }),
  Input: (props) => (
    <ChoiceList
      {...props}
      kind="checkbox"
      choices={(props.field.options ?? []).map((o) => [o.value, pick(o.label, props.locale)])}
      checked={(v) => (Array.isArray(props.value) ? props.value.includes(v) : false)}
    />
  ),
  reads: 'choices',
  Options: ({ field, t, query }) => <OptionsEditor options={field.options} t={t} query={query} />,
  readOptions: withOptions,
};
