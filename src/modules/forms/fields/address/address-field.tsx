import type { BaseField, FieldKind } from '../field-kind.ts';
import { Described } from '../shared/input-parts.tsx';
import { first } from '../shared/posted.ts';

export interface AddressField extends BaseField<'address'> {}

export interface Address {
  street: string;
  houseNumber?: string;
  postcode: string;
  town: string;
  country?: 'CH';
}

const parts = ['street', 'houseNumber', 'postcode', 'town', 'country'];

/** A Swiss postal address, in parts posted as `name.street`, `name.postcode`… */
export const addressField: FieldKind<AddressField> = {
  type: 'address',
  name: { fr: 'Adresse postale', de: 'Postadresse', en: 'Postal address' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: true,
  multilineLabel: false,
  starter: () => ({}),
  examples: {
    valid: [{ street: 'Rue du Rhône', houseNumber: '12', postcode: '1950', town: 'Sion', country: 'CH' }],
    invalid: [
      { street: 'Rue du Rhône', postcode: '195', town: 'Sion' },
      { street: '', postcode: '1950', town: 'Sion' },
    ],
  },
  problems: () => [],
  parse(_field, posted, name) {
    const part = (key: string) => first(posted, `${name}.${key}`);
    if (!part('street') && !part('postcode') && !part('town')) return undefined;
    return {
      street: part('street'),
      ...(part('houseNumber') && { houseNumber: part('houseNumber') }),
      postcode: part('postcode'),
      town: part('town'),
      country: 'CH',
    };
  },
  check(_field, value) {
    const a = value as Record<string, unknown> | null;
    const ok =
      typeof a === 'object' &&
      a !== null &&
      Object.keys(a).every((k) => parts.includes(k)) &&
      typeof a.street === 'string' &&
      a.street.length > 0 &&
      a.street.length <= 60 &&
      typeof a.town === 'string' &&
      a.town.length > 0 &&
      a.town.length <= 40 &&
      typeof a.postcode === 'string' &&
      /^[0-9]{4}$/.test(a.postcode) &&
      (a.houseNumber === undefined || (typeof a.houseNumber === 'string' && a.houseNumber.length <= 12)) &&
      (a.country === undefined || a.country === 'CH');
    return ok ? undefined : 'required';
  },
  display(_field, value) {
    const a = value as Address;
    return `${a.street}${a.houseNumber ? ` ${a.houseNumber}` : ''}, ${a.postcode} ${a.town}`;
  },
  schema: () => ({
    type: 'object',
    additionalProperties: false,
    required: ['street', 'postcode', 'town'],
    properties: {
      street: { type: 'string', minLength: 1, maxLength: 60 },
      houseNumber: { type: 'string', maxLength: 12 },
      postcode: { type: 'string', pattern: '^[0-9]{4}$' },
      town: { type: 'string', minLength: 1, maxLength: 40 },
      country: { const: 'CH' },
    },
  }),
  Input(props) {
    const { id, t } = props;
    const a = (props.value ?? {}) as Record<string, string>;
    return (
      <fieldset class="fieldset" id={id}>
        <legend class="fieldset__legend">{props.label}</legend>
        <Described id={id} hint={props.hint} error={props.error} known={props.known} t={t} />
        {(
          [
            ['street', t('street'), 'address-line1'],
            ['houseNumber', t('houseNumber'), 'off'],
            ['postcode', t('postcode'), 'postal-code'],
            ['town', t('town'), 'address-level2'],
          ] as const
        ).map(([part, text, autocomplete]) => (
          <div class="field">
            <label class="field__label" for={`${id}-${part}`}>
              {text}
            </label>
            <input
              class="field__input"
              id={`${id}-${part}`}
              name={`${props.name}.${part}`}
              value={a[part] ?? ''}
              autocomplete={autocomplete}
            />
          </div>
        ))}
      </fieldset>
    );
  },
  Options: () => null,
  readOptions: (field) => field,
};
