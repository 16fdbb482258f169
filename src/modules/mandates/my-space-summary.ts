import { type Expression, type RawBuilder, sql } from 'kysely';

/** The mandates around an account, counted for "my space" (see `mandateCountsSummary`). */
export type MandateCountsSummary = {
  given: number;
  toApprove: number;
  receivedByPerson: { active: number; proposed: number };
  receivedByAccount: { active: number; proposed: number };
};

/**
 * Given by the account (in force, and those waiting for its approval: requested, or proposed without
 * enough signatures, as `approvalsSuffice` says), received by the person and by the account, as one
 * JSON value "my space" reads with the other sections'. Whether the account's own count applies is the
 * policy's call (its admins answer for it), made by the caller.
 */
export function mandateCountsSummary(
  personId: string,
  accountId: string | Expression<string>,
): RawBuilder<MandateCountsSummary> {
  const received = (column: 'agent_person_id' | 'agent_account_id', id: string | Expression<string>) =>
    sql`(select json_build_object('active', count(*) filter (where state = 'active'),
        'proposed', count(*) filter (where state = 'proposed'))
      from mandates where ${sql.ref(column)} = ${id})`;
  return sql<MandateCountsSummary>`select json_build_object(
    'given', (select count(*) from mandates where principal_account_id = ${accountId} and state = 'active'),
    'toApprove', (select count(*) from mandates m where m.principal_account_id = ${accountId}
      and (m.state = 'requested' or (m.state = 'proposed' and not exists (
        select 1 from mandate_approvals a where a.mandate_id = m.id
        group by a.mandate_id
        having count(*) filter (where a.signature in ('holder', 'single')) > 0
          or count(*) filter (where a.signature = 'joint') >= 2)))),
    'receivedByPerson', ${received('agent_person_id', personId)},
    'receivedByAccount', ${received('agent_account_id', accountId)})`;
}

/**
 * The principal accounts the person holds an active mandate in force for on `day` (`YYYY-MM-DD`), as a
 * relation (`account_id`) another module's statement joins. A delegated one is only in force while its
 * chain is: `representedSql` checks that chain.
 */
export function principalAccountsOf(personId: string, day: string): RawBuilder<unknown> {
  return sql`select principal_account_id as account_id from mandates
    where agent_person_id = ${personId} and state = 'active'
      and valid_from <= ${day}::date and (valid_to is null or valid_to >= ${day}::date)`;
}
