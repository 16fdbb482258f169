import { formatAvs, normaliseAvs } from '../../../identity/index.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { TextInput } from '../shared/input-parts.tsx';
import { typed } from '../shared/posted.ts';

export interface AvsField extends BaseField<'avs'> {}

/** A Swiss social security (AVS) number: kept as 13 digits, shown as 756.1234.5678.97. */
export const avsField: FieldKind<AvsField> = {
  type: 'avs',
  name: { fr: 'Numéro AVS', de: 'AHV-Nummer', en: 'AHV/AVS number' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: true,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: ['7561234567897'], invalid: ['7561234567890', '756.1234.5678.97'] },
  problems: () => [],
  parse(_field, posted, name) {
    const text = typed(posted, name);
    return text === undefined ? undefined : (normaliseAvs(text) ?? text);
  },
  check: (_field, value) => (typeof value === 'string' && normaliseAvs(value) === value ? undefined : 'avs'),
  display: (_field, value) => formatAvs(value as string),
  schema: () => ({ type: 'string', pattern: '^756[0-9]{10}$' }),
  Input: (props) => <TextInput {...props} type="text" inputmode="numeric" />,
  reads: 'text',
  Options: () => null,
  readOptions: (field) => field,
};
