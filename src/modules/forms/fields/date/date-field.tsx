import { formatDate } from '../../../../platform/i18n/format.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { describedBy, TextInput } from '../shared/input-parts.tsx';
import { typed } from '../shared/posted.ts';

export interface DateField extends BaseField<'date'> {
  /** ISO dates or 'today' */
  minDate?: string;
  maxDate?: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
export const datePattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** A date as ISO, from 2026-03-14 or 14.03.2026; anything else is kept as typed, to be refused. */
export function parseDate(text: string): string {
  const swiss = text.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  return swiss ? `${swiss[3]}-${swiss[2]?.padStart(2, '0')}-${swiss[1]?.padStart(2, '0')}` : text;
}

const resolveDate = (value: string | undefined, today: string) => (value === 'today' ? today : value);

/** A calendar date, typed the Swiss way, within bounds that may be today. */
export const dateField: FieldKind<DateField> = {
  type: 'date',
  name: { fr: 'Date', de: 'Datum', en: 'Date' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: true,
  prefillable: true,
  multilineLabel: false,
  starter: () => ({}),
  examples: { valid: ['2020-02-29', '2026-11-24'], invalid: ['2021-02-29', '24.11.2026', 20261124] },
  problems: () => [],
  parse(_field, posted, name) {
    const text = typed(posted, name);
    return text === undefined ? undefined : parseDate(text);
  },
  check(field, value, today) {
    if (typeof value !== 'string' || !isoDate.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      return 'notDate';
    if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return 'notDate';
    const min = resolveDate(field.minDate, today);
    const max = resolveDate(field.maxDate, today);
    if (min && value < min) return 'dateTooEarly';
    if (max && value > max) return 'dateTooLate';
    return undefined;
  },
  display: (_field, value, locale) => formatDate(locale, new Date(`${value}T12:00:00Z`)),
  schema: () => ({ type: 'string', pattern: datePattern }),
  // A text input, not `type="date"`: Chromium shows that one in the browser's locale (often
  // 11/30/2026), where Swiss people type 30.11.2026; the format is said in the hint.
  Input: (props) => (
    <TextInput
      {...props}
      hint={[props.hint, props.t('dateFormatHint')].filter(Boolean).join(' ')}
      aria={{ ...props.aria, 'aria-describedby': describedBy(props.id, { ...props, hint: 'format' }) }}
      type="text"
      inputmode="numeric"
      text={
        typeof props.value === 'string' && isoDate.test(props.value)
          ? props.value.split('-').reverse().join('.')
          : undefined
      }
    />
  ),
  reads: 'text',
  Options: () => null,
  readOptions: (field) => field,
};
