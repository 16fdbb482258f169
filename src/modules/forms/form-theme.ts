import { type Expression, type RawBuilder, sql } from 'kysely';
import type { MandateTheme } from '../mandates/index.ts';

/** The mandate theme of a form, as an SQL expression another module's statement reads beside its rows. */
export function formThemeOf(formId: Expression<string>): RawBuilder<MandateTheme | null> {
  return sql<MandateTheme | null>`(select theme from forms where id = ${formId})`;
}
