import { type Expression, type RawBuilder, sql } from 'kysely';

/** An account's kind as an SQL expression, for another module's statement to test beside its own rows. */
export function accountKindOf(accountId: Expression<string>): RawBuilder<'personal' | 'professional' | null> {
  return sql<'personal' | 'professional' | null>`(select kind from accounts where id = ${accountId})`;
}
