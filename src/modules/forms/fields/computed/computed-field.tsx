import { colon, formatChf, formatNumber } from '../../../../platform/i18n/format.ts';
import { pick } from '../../../../platform/i18n/locales.ts';
import type { Logic } from '../../definition.ts';
import { allFields } from '../all-fields.ts';
import type { BaseField, FieldKind, OptionsProps } from '../field-kind.ts';
import { numberOrUndefined } from '../shared/number-options.tsx';

export interface ComputedField extends BaseField<'computed'> {
  /** The value, e.g. a fee from a quantity; the logic engine works it out (`engine.ts`). */
  expression?: Logic;
  /** How to show it */
  format?: 'chf' | 'number';
}

/** The builder writes one kind of expression: a number field multiplied by a constant. */
type Product = [{ var: string }, number];

function Multiply({ field, definition, locale, t }: OptionsProps<ComputedField>) {
  const product = (field.expression as { '*'?: Product } | undefined)?.['*'];
  return (
    <fieldset class="fieldset">
      <legend class="fieldset__legend">{t('multiply')}</legend>
      <div class="field">
        <label class="field__label" for="multiplyField">
          {t('field')}
        </label>
        <select class="field__input" id="multiplyField" name="multiplyField">
          {allFields(definition)
            .filter(({ field: f, group }) => !group && f.type === 'number')
            .map(({ field: f }) => (
              <option value={f.id} selected={product?.[0]?.var === f.id}>
                {pick(f.label, locale)}
              </option>
            ))}
        </select>
      </div>
      <div class="field">
        <label class="field__label" for="multiplyBy">
          {t('by')}
        </label>
        <input
          class="field__input"
          id="multiplyBy"
          name="multiplyBy"
          inputmode="decimal"
          value={product ? String(product[1]) : ''}
        />
      </div>
    </fieldset>
  );
}

/** A value worked out from the answers (a fee…), shown as the person answers and kept with the answers. */
export const computedField: FieldKind<ComputedField> = {
  type: 'computed',
  name: { fr: 'Valeur calculée', de: 'Berechneter Wert', en: 'Computed value' },
  asks: false,
  hasValue: true,
  requiredInSchema: true,
  inGroup: false,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({ expression: 0 }),
  examples: { valid: [12.5, null], invalid: [] },
  problems: (field) => (field.expression === undefined ? [`expression:${field.id}`] : []),
  parse: () => undefined,
  check: () => undefined,
  validate: (field, _value, context) => ({ problems: [], value: context.data[field.id] ?? null }),
  display: (field, value, locale) =>
    field.format === 'chf'
      ? formatChf(locale, Math.round((value as number) * 100))
      : formatNumber(locale, value as number),
  schema: () => ({ type: ['number', 'null'] }),
  Input: (props) => (
    <p>
      <strong>
        {pick(props.field.label, props.locale)}
        {colon(props.locale)}{' '}
      </strong>
      <output data-computed={props.field.id} data-format={props.field.format ?? 'number'}>
        {props.display(props.value)}
      </output>
    </p>
  ),
  Options: Multiply,
  readOptions(field, posted) {
    const by = numberOrUndefined(posted.multiplyBy);
    const multiplied = typeof posted.multiplyField === 'string' ? posted.multiplyField.trim() : '';
    return multiplied && by !== undefined
      ? { ...field, expression: { '*': [{ var: multiplied }, by] } }
      : field;
  },
};
