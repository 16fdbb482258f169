import type { BaseField, FieldKind } from '../field-kind.ts';
import { asText, Described } from '../shared/input-parts.tsx';
import { NumberOption, withNumbers } from '../shared/number-options.tsx';
import { typed } from '../shared/posted.ts';
import { checkText, type TextRules, textSchema } from '../shared/text-rules.ts';

export interface TextareaField extends BaseField<'textarea'>, TextRules {}

const defaultMaxLength = 5000;

/** A long free text, on several lines. */
export const textareaField: FieldKind<TextareaField> = {
  type: 'textarea',
  name: { fr: 'Texte long', de: 'Langer Text', en: 'Long text' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: ['Deux lignes\net plus', 'x'.repeat(5000)], invalid: [true, 'x'.repeat(5001)] },
  problems: () => [],
  parse: (_field, posted, name) => typed(posted, name),
  check: (field, value) => checkText(field, value, defaultMaxLength),
  display: (_field, value) => String(value),
  schema: (field) => textSchema(field, defaultMaxLength),
  Input: (props) => (
    <>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <Described id={props.id} hint={props.hint} error={props.error} known={props.known} t={props.t} />
      <textarea class="field__input" id={props.id} name={props.name} rows={5} {...props.aria}>
        {asText(props.value)}
      </textarea>
    </>
  ),
  reads: 'text',
  Options: ({ field, t }) => <NumberOption name="maxLength" label={t('maxLength')} value={field.maxLength} />,
  readOptions: (field, posted) => withNumbers(field, posted, ['maxLength']),
};
