import type { Locale } from '../../platform/i18n/locales.ts';
import type { BaseField } from './fields/field-kind.ts';
import { kindOf } from './fields/registry.ts';

/** An answer as people read it: on the check-your-answers page and in the PDF receipt. */
export function displayValue(field: BaseField, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '—';
  return kindOf(field).display(field, value, locale, (child, childValue) =>
    displayValue(child, childValue, locale),
  );
}
