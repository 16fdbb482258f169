import type { BaseField, FieldKind } from '../field-kind.ts';
import { TextInput } from '../shared/input-parts.tsx';
import { typed } from '../shared/posted.ts';

export interface IbanField extends BaseField<'iban'> {}

const pattern = '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$';

/** ISO 13616 check: move the country and check digits to the end, letters to numbers, mod 97 = 1. */
export function ibanIsValid(iban: string): boolean {
  if (!new RegExp(pattern).test(iban)) return false;
  const digits = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest === 1;
}

/** A bank account number, kept without spaces in capitals, its check digits checked. */
export const ibanField: FieldKind<IbanField> = {
  type: 'iban',
  name: { fr: 'IBAN', de: 'IBAN', en: 'IBAN' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({}),
  examples: {
    valid: ['CH9300762011623852957'],
    invalid: ['CH9300762011623852958', 'CH93 0076 2011 6238 5295 7'],
  },
  problems: () => [],
  parse: (_field, posted, name) => typed(posted, name)?.replace(/\s/g, '').toUpperCase(),
  check: (_field, value) => (typeof value === 'string' && ibanIsValid(value) ? undefined : 'iban'),
  display: (_field, value) => String(value),
  schema: () => ({ type: 'string', pattern }),
  Input: (props) => <TextInput {...props} type="text" autocomplete="off" />,
  reads: 'text',
  Options: () => null,
  readOptions: (field) => field,
};
