import { type Expression, sql } from 'kysely';
import { inboxFilterOf, queues } from './inbox-filter.ts';
import { countCap, type InboxFilter } from './list-inbox.ts';
import type { QueueName } from './queue-counts.ts';
import { defaultWorkflow } from './workflow.ts';

/** Statuses in which a request still waits for the authority's decision, as the inbox's `open` reads them. */
const undecided = Object.entries(defaultWorkflow.statuses)
  .filter(([id, s]) => !s.final && id !== 'granted' && id !== 'refused')
  .map(([id]) => id);

/**
 * A queue's criteria as SQL over `cases`: only what the queues use (who it is assigned to, open,
 * overdue, waiting for a fee). my-space-work-queries.test.ts holds each count equal to `queueCounts`,
 * the inbox's own.
 */
function queueWhere(authorityId: string, criteria: InboxFilter, now: Date) {
  const where = [sql`authority_id = ${authorityId}`];
  if (criteria.assignee === 'none') where.push(sql`assignee_person_id is null`);
  else if (criteria.assignee) where.push(sql`assignee_person_id = ${criteria.assignee}`);
  if (criteria.overdue || criteria.open) where.push(sql`status = any(${undecided}::text[])`);
  if (criteria.overdue) where.push(sql`due_at < ${now}`);
  // The (form, status) pairs whose workflow asks for the fee, as the inbox reads them.
  if (criteria.awaitingPayment)
    where.push(sql`(form_id, status) in (select form_id, key from case_workflows,
      jsonb_each(definition -> 'statuses') where value -> 'payment' is not null)`);
  return sql.join(where, sql` and `);
}

/**
 * How many requests wait in each queue for `personId`, in each of `authorityIds`, as one JSON value
 * (`{ [authorityId]: { queueNew: 3, … } }`) for "my space"'s single statement; counted up to the
 * inbox's cap and one more, as `countInbox` does.
 */
export function queueCountsSql(
  authorityIds: string[],
  personId: string,
  now = new Date(),
): Expression<unknown> {
  const perAuthority = authorityIds.map((authorityId) => {
    const counts = (Object.entries(queues) as [QueueName, Record<string, string>][]).map(([name, query]) => {
      const { criteria } = inboxFilterOf((key) => query[key], personId);
      return sql`${name}::text, (select count(*) from (select 1 from cases
        where ${queueWhere(authorityId, criteria, now)} limit ${countCap + 1}) m)`;
    });
    return sql`${authorityId}::text, json_build_object(${sql.join(counts)})`;
  });
  return sql`json_build_object(${sql.join(perAuthority)})`;
}
