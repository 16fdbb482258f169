import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Locale } from '../../platform/i18n/locales.ts';

/** What the request path needs of the session's person to know who acts. */
export interface ActingPerson {
  id: string;
  givenNames: string;
  familyName: string;
  language: Locale;
  platformAdmin: boolean;
  disabled: boolean;
}

/** The person a logged-in session's data names (`sessionAuth(…).personId`), as SQL over that data. */
export function sessionPersonIdSql(data: Expression<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(${data}->'auth'->>'personId')::uuid`;
}

/** The person as an `ActingPerson` JSON object, or null when there is none: for the caller's statement. */
export function actingPersonSql(personId: Expression<string | null>): RawBuilder<ActingPerson | null> {
  return sql<ActingPerson | null>`(select json_build_object('id', p.id, 'givenNames', p.given_names,
    'familyName', p.family_name, 'language', p.preferred_language, 'platformAdmin', p.platform_admin,
    'disabled', p.disabled_at is not null) from persons p where p.id = ${personId})`;
}
