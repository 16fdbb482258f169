import type { BaseField, FieldKind } from '../field-kind.ts';
import { TextInput } from '../shared/input-parts.tsx';
import { NumberOption, withNumbers } from '../shared/number-options.tsx';
import { typed } from '../shared/posted.ts';
import { checkText, type TextRules, textSchema } from '../shared/text-rules.ts';

export interface TextField extends BaseField<'text'>, TextRules {}

const defaultMaxLength = 200;

/** A short free text on one line. */
export const textField: FieldKind<TextField> = {
  type: 'text',
  name: { fr: 'Texte court', de: 'Kurzer Text', en: 'Short text' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: true,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: ['Anna', 'x'.repeat(200)], invalid: [12, 'x'.repeat(201)] },
  problems: () => [],
  parse: (_field, posted, name) => typed(posted, name),
  check: (field, value) => checkText(field, value, defaultMaxLength),
  display: (_field, value) => String(value),
  schema: (field) => textSchema(field, defaultMaxLength),
  Input: (props) => <TextInput {...props} type="text" />,
  reads: 'text',
  Options: ({ field, t }) => <NumberOption name="maxLength" label={t('maxLength')} value={field.maxLength} />,
  readOptions: (field, posted) => withNumbers(field, posted, ['maxLength']),
  conditionValue: (raw) => raw,
};
