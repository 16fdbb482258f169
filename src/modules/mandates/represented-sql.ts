import { type Expression, type RawBuilder, sql } from 'kysely';
import type { MandateTheme } from './tables.ts';

/** The mandate under which a person acts for an account, as the request path needs it. */
export interface RepresentedMandate {
  id: string;
  accountId: string;
  themes: MandateTheme[];
}

/** Today as `principalsOf` takes it (the UTC date), on the database's clock. */
const today = sql`(now() at time zone 'UTC')::date`;

/** Whether the mandate row `m` is in force today, as `inForce` decides (effective-mandates.ts). */
const inForce = (m: string) =>
  sql`(${sql.ref(`${m}.state`)} = 'active' and ${sql.ref(`${m}.valid_from`)} <= ${today}
    and (${sql.ref(`${m}.valid_to`)} is null or ${sql.ref(`${m}.valid_to`)} >= ${today}))`;

/**
 * A mandate in force that lets `personId` act for `accountId` (text: as the session keeps it), as
 * one SQL expression (null when there is none): what `principalsOf` finds for that account, read with
 * the session's row. A delegated one counts only while every link of its chain is in force and each
 * parent gave the right to grant, up to the same eleven links `chainInForce` follows.
 */
export function representedSql(
  personId: Expression<string | null>,
  accountId: Expression<string | null>,
): RawBuilder<RepresentedMandate | null> {
  return sql<RepresentedMandate | null>`(select json_build_object('id', m.id,
      'accountId', m.principal_account_id, 'themes', m.themes)
    from mandates m
    where m.agent_person_id = ${personId} and m.principal_account_id::text = ${accountId} and ${inForce('m')}
      and (m.parent_id is null or (
        with recursive up as (
          select p.*, 1 as depth from mandates p where p.id = m.parent_id
          union all
          select p.*, up.depth + 1 from up join mandates p on p.id = up.parent_id where up.depth < 11)
        select coalesce(bool_and(${inForce('up')} and up.may_delegate) and bool_or(up.parent_id is null), false)
        from up))
    order by m.created_at, m.id limit 1)`;
}

/**
 * The accounts a person holds or held a mandate for, in any state and whatever its dates, as an SQL
 * array: the change-log scopes whose changes can change what they may do there.
 */
export function mandatedAccountIdsSql(personId: Expression<string | null>): RawBuilder<string[]> {
  return sql<
    string[]
  >`array(select m.principal_account_id from mandates m where m.agent_person_id = ${personId})`;
}
