import { pick } from '../../../../platform/i18n/locales.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { ChoiceList } from '../shared/input-parts.tsx';
import { type Option, OptionsEditor, starterOptions, withOptions } from '../shared/options-editor.tsx';
import { typed } from '../shared/posted.ts';

export interface ChoiceField extends BaseField<'choice'> {
  options?: Option[];
}

/** One answer among those proposed, as radio buttons. */
export const choiceField: FieldKind<ChoiceField> = {
  type: 'choice',
  name: { fr: 'Choix unique', de: 'Einfachauswahl', en: 'Single choice' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({ options: starterOptions() }),
  examples: { valid: ['a', 'b'], invalid: ['c', ['a']] },
  problems: (field) => (field.options?.length ? [] : [`options:${field.id}`]),
  parse: (_field, posted, name) => typed(posted, name),
  check: (field, value) =>
    typeof value === 'string' && field.options?.some((o) => o.value === value) ? undefined : 'option',
  display: (field, value, locale) =>
    pick(field.options?.find((o) => o.value === value)?.label ?? { fr: String(value) }, locale),
  schema: (field) => ({ type: 'string', enum: (field.options ?? []).map((o) => o.value) }),
  Input: (props) => (
    <ChoiceList
      {...props}
      kind="radio"
      choices={(props.field.options ?? []).map((o) => [o.value, pick(o.label, props.locale)])}
      checked={(v) => props.value === v}
    />
  ),
  reads: 'choice',
  Options: ({ field, t, query }) => <OptionsEditor options={field.options} t={t} query={query} />,
  readOptions: withOptions,
  conditionValue: (raw) => raw,
  conditionAnswers: (field) => (field.options ?? []).map((o) => o.value),
};
