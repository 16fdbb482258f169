import { pick } from '../../../../platform/i18n/locales.ts';
import type { BaseField, FieldKind, OptionsProps } from '../field-kind.ts';
import { TextInput } from '../shared/input-parts.tsx';
import { NumberOption, withNumbers } from '../shared/number-options.tsx';
import { first, typed } from '../shared/posted.ts';
import { checkText, type TextRules, textSchema } from '../shared/text-rules.ts';
import { isTextCheck, type TextCheck, textChecks } from './text-checks.ts';

export interface TextField extends BaseField<'text'>, TextRules {
  /** A named check the designer picked (`text-checks.ts`), with its own error message. */
  check?: TextCheck;
}

const defaultMaxLength = 200;

function TextOptions({ field, t, locale }: OptionsProps<TextField>) {
  return (
    <>
      <NumberOption name="maxLength" label={t('maxLength')} value={field.maxLength} />
      <div class="field">
        <label class="field__label" for="textCheck">
          {t('textCheck')}
        </label>
        <select class="field__input" id="textCheck" name="textCheck">
          <option value="">{t('textCheckNone')}</option>
          {Object.entries(textChecks).map(([name, check]) => (
            <option value={name} selected={field.check === name}>
              {pick(check.name, locale)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

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
  parse(field, posted, name) {
    const text = typed(posted, name);
    return text !== undefined && field.check ? textChecks[field.check].normalise(text) : text;
  },
  check(field, value) {
    if (field.check && !(typeof value === 'string' && textChecks[field.check].valid(value)))
      return field.check;
    return checkText(field, value, defaultMaxLength);
  },
  display: (_field, value) => String(value),
  schema: (field) => ({
    ...textSchema(field, defaultMaxLength),
    ...(field.check && { pattern: textChecks[field.check].pattern }),
  }),
  Input: (props) => <TextInput {...props} type="text" />,
  reads: 'text',
  Options: TextOptions,
  readOptions(field, posted) {
    const changed = withNumbers(field, posted, ['maxLength']);
    if (!('textCheck' in posted)) return changed;
    const picked = first(posted, 'textCheck');
    if (isTextCheck(picked)) changed.check = picked;
    else delete changed.check;
    return changed;
  },
  conditionValue: (raw) => raw,
};
