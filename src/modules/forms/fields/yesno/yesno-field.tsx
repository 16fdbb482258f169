import { formMessages } from '../../messages.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { ChoiceList } from '../shared/input-parts.tsx';
import { first } from '../shared/posted.ts';

export interface YesnoField extends BaseField<'yesno'> {}

/** Yes or no, as two radio buttons; the answer is a boolean. */
export const yesnoField: FieldKind<YesnoField> = {
  type: 'yesno',
  name: { fr: 'Oui / non', de: 'Ja / Nein', en: 'Yes / no' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: [true, false], invalid: ['yes'] },
  problems: () => [],
  parse(_field, posted, name) {
    const text = first(posted, name);
    return text === 'yes' ? true : text === 'no' ? false : undefined;
  },
  check: (_field, value) => (typeof value === 'boolean' ? undefined : 'option'),
  display: (_field, value, locale) => formMessages.translator(locale)(value === true ? 'yes' : 'no'),
  schema: () => ({ type: 'boolean' }),
  Input: (props) => (
    <ChoiceList
      {...props}
      kind="radio"
      choices={[
        ['yes', props.t('yes')],
        ['no', props.t('no')],
      ]}
      checked={(v) => (v === 'yes' ? props.value === true : props.value === false)}
    />
  ),
  reads: 'yesno',
  Options: () => null,
  readOptions: (field) => field,
  conditionValue: (raw) => raw === 'yes' || raw === 'oui' || raw === 'ja' || raw === 'true',
  conditionAnswers: () => ['yes', 'no'],
};
