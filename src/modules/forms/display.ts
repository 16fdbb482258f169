import { formatChf, formatDate, formatNumber } from '../../platform/i18n/format.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import { formatAvs, formatUid } from '../identity/index.ts';
import type { Field } from './definition.ts';
import { formMessages } from './messages.ts';

/** An answer as people read it: on the check-your-answers page and in the PDF receipt. */
export function displayValue(field: Field, value: unknown, locale: Locale): string {
  const t = formMessages.translator(locale);
  if (value === undefined || value === null || value === '') return '—';
  switch (field.type) {
    case 'yesno':
    case 'consent':
      return value === true ? t('yes') : t('no');
    case 'choice':
      return pick(field.options?.find((o) => o.value === value)?.label ?? { fr: String(value) }, locale);
    case 'multichoice':
      return (value as string[])
        .map((v) => pick(field.options?.find((o) => o.value === v)?.label ?? { fr: v }, locale))
        .join(', ');
    case 'date':
      return formatDate(locale, new Date(`${value}T12:00:00Z`));
    case 'number':
      return formatNumber(locale, value as number);
    case 'computed':
      return field.format === 'chf'
        ? formatChf(locale, Math.round((value as number) * 100))
        : formatNumber(locale, value as number);
    case 'avs':
      return formatAvs(value as string);
    case 'uid':
      return formatUid(value as string);
    case 'address': {
      const a = value as { street: string; houseNumber?: string; postcode: string; town: string };
      return `${a.street}${a.houseNumber ? ` ${a.houseNumber}` : ''}, ${a.postcode} ${a.town}`;
    }
    case 'file':
      return (value as { name: string }).name;
    case 'group':
      return (value as Record<string, unknown>[])
        .map((row) => (field.fields ?? []).map((c) => displayValue(c, row[c.id], locale)).join(' · '))
        .join('\n');
    default:
      return String(value);
  }
}
