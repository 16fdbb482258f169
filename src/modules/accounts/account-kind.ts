import { type Expression, type RawBuilder, sql } from 'kysely';

/** An account's kind as an SQL expression, for another module's statement to test beside its own rows. */
export function accountKindOf(accountId: Expression<string>): RawBuilder<'personal' | 'professional' | null> {
  return sql<'personal' | 'professional' | null>`(select kind from accounts where id = ${accountId})`;
}

/** The organisation a professional account is, as an SQL expression (null for a personal account). */
export function accountOrganisationOf(accountId: Expression<string>): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select organisation_id from accounts where id = ${accountId} and kind = 'professional')`;
}
