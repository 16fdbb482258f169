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
  sort?: 'newest' | 'oldest' | 'due';
  page: number;
  pageSize: number;
}

/** Statuses in which a request is still waiting for the authority's decision. */
const undecided = Object.entries(defaultWorkflow.statuses)
  .filter(([id, s]) => !s.final && id !== 'granted' && id !== 'refused')
  .map(([id]) => id);

/** An authority's requests, filtered, newest first, a page at a time. */
export async function listInbox(db: Db, authorityId: string, filter: InboxFilter) {
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
  const total = Number(
    (await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
  );
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
