import type { BaseField, FieldKind } from '../field-kind.ts';
import { TextInput } from '../shared/input-parts.tsx';
import { typed } from '../shared/posted.ts';
import { checkPattern } from '../shared/text-rules.ts';

export interface PhoneField extends BaseField<'phone'> {}

const pattern = '^\\+[0-9]{8,15}$';

/** A phone number, kept in international form: 079 123 45 67 becomes +41791234567. */
export function parsePhone(text: string): string {
  const digits = text.replace(/[\s().-]/g, '');
  return digits.startsWith('0') && !digits.startsWith('00')
    ? `+41${digits.slice(1)}`
    : digits.replace(/^00/, '+');
}

export const phoneField: FieldKind<PhoneField> = {
  type: 'phone',
  name: { fr: 'Téléphone', de: 'Telefon', en: 'Phone' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: ['+41791234567'], invalid: ['0791234567', '+41 79 123 45 67'] },
  problems: () => [],
  parse(_field, posted, name) {
    const text = typed(posted, name);
    return text === undefined ? undefined : parsePhone(text);
  },
  check: (_field, value) => checkPattern(pattern, 'phone')(value),
  display: (_field, value) => String(value),
  schema: () => ({ type: 'string', pattern }),
  Input: (props) => <TextInput {...props} type="tel" autocomplete="tel" />,
  reads: 'text',
  Options: () => null,
  readOptions: (field) => field,
};
