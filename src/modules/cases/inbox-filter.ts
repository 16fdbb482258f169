import { toIsoDate } from '../../platform/i18n/swiss-date.ts';
import type { InboxFilter } from './list-inbox.ts';

/** The inbox's filters as a link or its form gives them. */
export type InboxQuery = ReturnType<typeof inboxFilterOf>['filter'];

/**
 * The inbox's filters as the query gives them (for the form and links), and as criteria; `me` is the
 * clerk reading. The back office's queues are links with these filters, counted with these criteria,
 * so a count and the list it leads to cannot differ.
 */
export function inboxFilterOf(query: (name: string) => string | undefined, me: string) {
  // Typed the Swiss way (30.11.2026) or given in ISO by a link: kept in ISO.
  const isoDate = (value: string | undefined) => (value ? (toIsoDate(value) ?? '') : '');
  const flag = (name: string) => (query(name) === '1' ? '1' : '');
  const filter = {
    status: query('status') ?? '',
    assignee: query('assignee') ?? '',
    q: query('q') ?? '',
    form: query('form') ?? '',
    from: isoDate(query('from')),
    to: isoDate(query('to')),
    overdue: flag('overdue'),
    open: flag('open'),
    payment: flag('payment'),
    sort: ['oldest', 'due'].includes(query('sort') ?? '') ? (query('sort') as string) : 'newest',
  };
  const criteria: InboxFilter = {
    status: filter.status || undefined,
    assignee: filter.assignee === 'me' ? me : filter.assignee === 'none' ? 'none' : undefined,
    query: filter.q.slice(0, 100) || undefined,
    formId: /^[0-9a-f-]{36}$/.test(filter.form) ? filter.form : undefined,
    from: filter.from || undefined,
    to: filter.to || undefined,
    overdue: filter.overdue === '1',
    open: filter.open === '1',
    awaitingPayment: filter.payment === '1',
    sort: filter.sort as 'newest' | 'oldest' | 'due',
  };
  return { filter, criteria };
}

/** The back office's queues: each a link to the inbox with these filters. */
export const queues = {
  queueNew: { assignee: 'none', open: '1' },
  queueMine: { assignee: 'me', open: '1' },
  queueOverdue: { overdue: '1' },
  queuePayment: { payment: '1' },
} as const satisfies Record<string, Record<string, string>>;
