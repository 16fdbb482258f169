import { formatUid, normaliseUid } from '../../../identity/index.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { TextInput } from '../shared/input-parts.tsx';
import { typed } from '../shared/posted.ts';

export interface UidField extends BaseField<'uid'> {}

/** A Swiss business identification number (UID/IDE): kept as CHE and 9 digits, shown as CHE-123.456.789. */
export const uidField: FieldKind<UidField> = {
  type: 'uid',
  name: { fr: 'Numéro IDE', de: 'UID', en: 'UID' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: true,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: ['CHE116281710'], invalid: ['CHE116281711', 'CHE-116.281.710'] },
  problems: () => [],
  parse(_field, posted, name) {
    const text = typed(posted, name);
    return text === undefined ? undefined : (normaliseUid(text) ?? text);
  },
  check: (_field, value) => (typeof value === 'string' && normaliseUid(value) === value ? undefined : 'uid'),
  display: (_field, value) => formatUid(value as string),
  schema: () => ({ type: 'string', pattern: '^CHE[0-9]{9}$' }),
  Input: (props) => <TextInput {...props} type="text" />,
  reads: 'text',
  Options: () => null,
  readOptions: (field) => field,
};
