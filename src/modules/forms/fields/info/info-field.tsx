import { pick } from '../../../../platform/i18n/locales.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';

export interface InfoField extends BaseField<'info'> {}

/** A text to read between the questions: its label is the text; it asks and holds nothing. */
export const infoField: FieldKind<InfoField> = {
  type: 'info',
  name: { fr: 'Texte d’information', de: 'Informationstext', en: 'Information text' },
  asks: false,
  hasValue: false,
  requiredInSchema: true,
  inGroup: false,
  prefillable: false,
  multilineLabel: true,
  starter: () => ({ label: { fr: 'Information' } }),
  examples: { valid: [], invalid: [] },
  problems: () => [],
  parse: () => undefined,
  check: () => undefined,
  validate: () => ({ problems: [] }),
  display: (_field, value) => String(value),
  schema: () => ({}),
  Input: (props) => <p class="form-info">{pick(props.field.label, props.locale)}</p>,
  Options: () => null,
  readOptions: (field) => field,
};
