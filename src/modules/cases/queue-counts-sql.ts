import { type Expression, sql } from 'kysely';
import { inboxFilterOf, queues } from './inbox-filter.ts';
import { countCap, inboxConditions } from './list-inbox.ts';
import type { QueueName } from './queue-counts.ts';

/**
 * How many requests wait in each queue for `personId`, in each of `authorityIds`, as one JSON value
 * (`{ [authorityId]: { queueNew: 3, … } }`) for "my space"'s single statement; counted with the
 * inbox's own conditions, up to its cap and one more, as `countInbox` does.
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
        where ${inboxConditions(authorityId, criteria, { now })} limit ${countCap + 1}) m)`;
    });
    return sql`${authorityId}::text, json_build_object(${sql.join(counts)})`;
  });
  return sql`json_build_object(${sql.join(perAuthority)})`;
}
