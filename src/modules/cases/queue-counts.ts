import type { Db } from '../../platform/database/database.ts';
import { inboxFilterOf, queues } from './inbox-filter.ts';
import { countInbox } from './list-inbox.ts';

export type QueueName = keyof typeof queues;

/**
 * How many of an authority's requests wait in each queue for `personId`: counted with the very
 * filters the queue's link gives the inbox.
 *
 * @example await queueCounts(db, authorityId, clerkId) // { queueNew: 3, queueMine: 1, … }
 */
export async function queueCounts(db: Db, authorityId: string, personId: string) {
  const counts = {} as Record<QueueName, number>;
  for (const [name, query] of Object.entries(queues) as [QueueName, Record<string, string>][])
    counts[name] = await countInbox(db, authorityId, inboxFilterOf((key) => query[key], personId).criteria);
  return counts;
}

/** The inbox link of a queue, under the authority's inbox `base`. */
export const queueHref = (base: string, name: QueueName) =>
  `${base}?${new URLSearchParams(queues[name] as Record<string, string>)}`;
