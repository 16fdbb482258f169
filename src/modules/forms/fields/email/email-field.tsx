import type { BaseField, FieldKind } from '../field-kind.ts';
import { TextInput } from '../shared/input-parts.tsx';
import { typed } from '../shared/posted.ts';

export interface EmailField extends BaseField<'email'> {}

const pattern = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

/** An e-mail address, kept in lower case. */
export const emailField: FieldKind<EmailField> = {
  type: 'email',
  name: { fr: 'E-mail', de: 'E-Mail', en: 'E-mail' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: true,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: ['anna@example.ch'], invalid: ['anna', 'anna@example', 'an na@example.ch'] },
  problems: () => [],
  parse: (_field, posted, name) => typed(posted, name)?.toLowerCase(),
  check: (_field, value) =>
    typeof value === 'string' && value.length <= 254 && new RegExp(pattern).test(value) ? undefined : 'email',
  display: (_field, value) => String(value),
  schema: () => ({ type: 'string', maxLength: 254, pattern }),
  Input: (props) => <TextInput {...props} type="email" autocomplete="email" />,
  reads: 'text',
  Options: () => null,
  readOptions: (field) => field,
};
