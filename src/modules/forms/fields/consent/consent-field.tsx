import { formMessages } from '../../messages.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { isEmpty } from '../shared/empty.ts';
import { Described } from '../shared/input-parts.tsx';
import { first } from '../shared/posted.ts';

export interface ConsentField extends BaseField<'consent'> {}

/** A box the person ticks to agree; when required, not ticking it is refused as such. */
export const consentField: FieldKind<ConsentField> = {
  type: 'consent',
  name: { fr: 'Consentement', de: 'Einwilligung', en: 'Consent' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: [true], invalid: [false, 'yes'] },
  problems: () => [],
  parse: (_field, posted, name) => first(posted, name) === 'yes',
  check: (_field, value) => (value === true ? undefined : 'consent'),
  validate(field, value, context) {
    if (value === true) return { problems: [], value };
    // Not ticking it is a missing answer; anything else posted is a wrong one.
    const missing = isEmpty(value) || value === false;
    const refused = context.checking && (context.required || !missing);
    return { problems: refused ? [{ field: field.id, problem: 'consent' }] : [] };
  },
  display: (_field, value, locale) => formMessages.translator(locale)(value === true ? 'yes' : 'no'),
  schema: () => ({ const: true }),
  Input: (props) => (
    <>
      <Described id={props.id} hint={props.hint} error={props.error} t={props.t} />
      <div class="choice">
        <input
          type="checkbox"
          id={props.id}
          name={props.name}
          value="yes"
          checked={props.value === true}
          {...props.aria}
        />
        <label for={props.id}>{props.label}</label>
      </div>
    </>
  ),
  reads: 'checked',
  Options: () => null,
  readOptions: (field) => field,
};
