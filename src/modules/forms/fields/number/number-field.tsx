import { formatNumber } from '../../../../platform/i18n/format.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { TextInput } from '../shared/input-parts.tsx';
import { NumberOption, withNumbers } from '../shared/number-options.tsx';
import { typed } from '../shared/posted.ts';

export interface NumberField extends BaseField<'number'> {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A number as people type it: 1'200.50, 1 200,5 … and the raw text when it is not one. */
export function parseNumber(text: string): number | string {
  const cleaned = text.replace(/['’\s]/g, '').replace(',', '.');
  return cleaned !== '' && /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : text;
}

/** A number, whole if so asked, within its bounds. */
export const numberField: FieldKind<NumberField> = {
  type: 'number',
  name: { fr: 'Nombre', de: 'Zahl', en: 'Number' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: [0, -3, 1.5], invalid: ['12', Number.NaN] },
  problems: () => [],
  parse(_field, posted, name) {
    const text = typed(posted, name);
    return text === undefined ? undefined : parseNumber(text);
  },
  check(field, value) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'notNumber';
    if (field.integer && !Number.isInteger(value)) return 'notInteger';
    if (field.min !== undefined && value < field.min) return 'tooSmall';
    if (field.max !== undefined && value > field.max) return 'tooLarge';
    return undefined;
  },
  display: (_field, value, locale) => formatNumber(locale, value as number),
  schema: (field) => ({
    type: field.integer ? 'integer' : 'number',
    ...(field.min !== undefined && { minimum: field.min }),
    ...(field.max !== undefined && { maximum: field.max }),
  }),
  Input: (props) => <TextInput {...props} type="text" inputmode="decimal" />,
  reads: 'number',
  Options: ({ field, t }) => (
    <>
      <NumberOption name="min" label={t('min')} value={field.min} />
      <NumberOption name="max" label={t('max')} value={field.max} />
    </>
  ),
  readOptions: (field, posted) => withNumbers(field, posted, ['min', 'max']),
  conditionValue: (raw) => Number(raw),
};
