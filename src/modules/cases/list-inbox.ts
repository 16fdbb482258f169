import { sql } from 'kysely';
import { type Db, escapeLike, tablesOf } from '../../platform/database/database.ts';
import type { CasesTables } from './tables.ts';
import { defaultWorkflow } from './workflow.ts';

const tables = (db: Db) => tablesOf<CasesTables>(db);

export interface InboxFilter {
  status?: string;
  assignee?: string | 'none';
  formId?: string;
  query?: string;
  /** Submitted on or after / before, as ISO dates. */
  from?: string;
  to?: string;
  overdue?: boolean;
  /** Only requests still waiting for the authority's decision. */
  open?: boolean;
  /** Only requests in a status whose workflow asks the requester to pay. */
  awaitingPayment?: boolean;
  sort?: 'newest' | 'oldest' | 'due';
  page: number;
  pageSize: number;
}

/** Statuses in which a request is still waiting for the authority's decision. */
const undecided = Object.entries(defaultWorkflow.statuses)
  .filter(([id, s]) => !s.final && id !== 'granted' && id !== 'refused')
  .map(([id]) => id);

/** An authority's requests matching `filter`, as a query to count or to read. */
function filtered(db: Db, authorityId: string, filter: Omit<InboxFilter, 'page' | 'pageSize'>) {
  let query = tables(db).selectFrom('cases').where('authority_id', '=', authorityId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.assignee === 'none') query = query.where('assignee_person_id', 'is', null);
  else if (filter.assignee) query = query.where('assignee_person_id', '=', filter.assignee);
  if (filter.query) {
    const like = `%${escapeLike(filter.query)}%`;
    query = query.where((eb) =>
      eb.or([eb('reference', 'ilike', like), eb(sql`answers::text`, 'ilike', like)]),
    );
  }
  if (filter.formId) query = query.where('form_id', '=', filter.formId);
  if (filter.from) query = query.where('created_at', '>=', new Date(`${filter.from}T00:00:00Z`));
  if (filter.to)
    query = query.where(
      'created_at',
      '<',
      new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000),
    );
  if (filter.overdue) query = query.where('due_at', '<', new Date()).where('status', 'in', undecided);
  if (filter.open) query = query.where('status', 'in', undecided);
  // The fee is asked on entering a status of the service's own workflow (the default one asks none).
  if (filter.awaitingPayment)
    query = query.where(
      sql<boolean>`exists (select 1 from case_workflows w where w.form_id = cases.form_id
        and w.definition -> 'statuses' -> cases.status -> 'payment' is not null)`,
    );
  return query;
}

/** How many of an authority's requests match `filter` (the back office's queues). */
export async function countInbox(
  db: Db,
  authorityId: string,
  filter: Omit<InboxFilter, 'page' | 'pageSize'>,
) {
  const query = filtered(db, authorityId, filter);
  return Number((await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
}

/** An authority's requests, filtered, newest first, a page at a time. */
export async function listInbox(db: Db, authorityId: string, filter: InboxFilter) {
  const query = filtered(db, authorityId, filter);
  const total = await countInbox(db, authorityId, filter);
  const rows = await query
    .selectAll()
    .orderBy(
      filter.sort === 'due' ? 'due_at' : 'created_at',
      filter.sort === 'newest' || !filter.sort ? 'desc' : 'asc',
    )
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total, rows };
}
