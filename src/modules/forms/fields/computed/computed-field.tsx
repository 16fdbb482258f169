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

/** The builder writes two kinds of expression: a number field multiplied by a constant, … */
type Product = [{ var: string }, number];

/** … or a price by rows of a table, the first row at one price and each further row at another. */
const rowsOf = (table: string) => ({ reduce: [{ var: table }, { '+': [{ var: 'accumulator' }, 1] }, 0] });
export function perRowExpression(table: string, first: number, further: number): Logic {
  const rows = rowsOf(table);
  return { if: [{ '>': [rows, 0] }, { '+': [first, { '*': [{ '-': [rows, 1] }, further] }] }, 0] };
}

/** The table and prices of an expression `perRowExpression` wrote, to show them again in the builder. */
function readPerRow(expression: Logic | undefined) {
  const branches = (expression as { if?: unknown[] } | undefined)?.if;
  const sum = (branches?.[1] as { '+'?: [number, { '*': [unknown, number] }] } | undefined)?.['+'];
  const table = (branches?.[0] as { '>'?: [{ reduce: [{ var: string }] }] } | undefined)?.['>']?.[0]
    ?.reduce?.[0]?.var;
  return sum && table ? { table, first: sum[0], further: sum[1]['*'][1] } : undefined;
}

function PerRow({ field, definition, locale, t }: OptionsProps<ComputedField>) {
  const perRow = readPerRow(field.expression);
  const price = (name: string, label: string, value: number | undefined) => (
    <div class="field">
      <label class="field__label" for={name}>
        {label}
      </label>
      <input
        class="field__input"
        id={name}
        name={name}
        inputmode="decimal"
        value={value === undefined ? '' : String(value)}
      />
    </div>
  );
  return (
    <fieldset class="fieldset">
      <legend class="fieldset__legend">{t('perRow')}</legend>
      <div class="field">
        <label class="field__label" for="perRowTable">
          {t('perRowTable')}
        </label>
        <select class="field__input" id="perRowTable" name="perRowTable">
          <option value="">{t('perRowNone')}</option>
          {allFields(definition)
            .filter(({ field: f, group }) => !group && f.type === 'group')
            .map(({ field: f }) => (
              <option value={f.id} selected={perRow?.table === f.id}>
                {pick(f.label, locale)}
              </option>
            ))}
        </select>
      </div>
      {price('perRowFirst', t('perRowFirst'), perRow?.first)}
      {price('perRowFurther', t('perRowFurther'), perRow?.further)}
    </fieldset>
  );
}

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
  Options: (props) => (
    <>
      <Multiply {...props} />
      <PerRow {...props} />
      <div class="field">
        <label class="field__label" for="computedFormat">
          {props.t('computedFormat')}
        </label>
        <select class="field__input" id="computedFormat" name="computedFormat">
          <option value="number">{props.t('computedNumber')}</option>
          <option value="chf" selected={props.field.format === 'chf'}>
            {props.t('computedChf')}
          </option>
        </select>
      </div>
    </>
  ),
  readOptions(original, posted) {
    const format = posted.computedFormat;
    const field: ComputedField = format === 'chf' || format === 'number' ? { ...original, format } : original;
    const table = typeof posted.perRowTable === 'string' ? posted.perRowTable.trim() : '';
    const first = numberOrUndefined(posted.perRowFirst);
    if (table && first !== undefined)
      return {
        ...field,
        expression: perRowExpression(table, first, numberOrUndefined(posted.perRowFurther) ?? first),
      };
    const by = numberOrUndefined(posted.multiplyBy);
    const multiplied = typeof posted.multiplyField === 'string' ? posted.multiplyField.trim() : '';
    return multiplied && by !== undefined
      ? { ...field, expression: { '*': [{ var: multiplied }, by] } }
      : field;
  },
};
