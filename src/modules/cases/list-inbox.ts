import { sql } from 'kysely';
import { type Db, escapeLike, tablesOf } from '../../platform/database/database.ts';
import { keysetPage } from '../../platform/database/keyset-page.ts';
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
}

/**
 * A page of the inbox: the requests after (or before) the request `after` (`before`) in the sort's
 * order. Keyset paging: the 2,000th page costs what the first does, and a request arriving meanwhile
 * neither repeats nor hides one.
 */
export interface InboxPage {
  after?: string;
  before?: string;
  pageSize: number;
}

/** Counts stop here: "more than 1,000" is all a clerk needs, and counting 100,000 rows is not free. */
export const countCap = 1000;

/** Words are looked for from this many characters: the trigram indexes have nothing shorter to look up. */
export const searchMinimum = 3;

/**
 * Whether `query` is too short to be looked for in the answers. `%ab%` has no trigram, so it would read
 * every request of the authority, however rare the string; such a search finds instead the references
 * that begin with it (a range of `cases_authority_reference`), which is what a clerk typing the first
 * digits of a request's number means, and the page says that words need `searchMinimum` characters.
 * References are digits and hyphens, so the prefix is compared as typed.
 */
export const isShortSearch = (query: string) => [...query].length < searchMinimum;

/** Statuses in which a request is still waiting for the authority's decision. */
const undecided = Object.entries(defaultWorkflow.statuses)
  .filter(([id, s]) => !s.final && id !== 'granted' && id !== 'refused')
  .map(([id]) => id);

/** An authority's requests matching `filter`, as a query to count or to read. */
async function filtered(db: Db, authorityId: string, filter: InboxFilter) {
  let query = tables(db).selectFrom('cases').where('authority_id', '=', authorityId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.assignee === 'none') query = query.where('assignee_person_id', 'is', null);
  else if (filter.assignee) query = query.where('assignee_person_id', '=', filter.assignee);
  if (filter.query && isShortSearch(filter.query))
    query = query.where('reference', 'like', `${escapeLike(filter.query)}%`);
  else if (filter.query) {
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
  // The fee is asked on entering a status of the service's own workflow (the default one asks none):
  // those few (form, status) pairs first, so the requests are found by status, not tested one by one.
  if (filter.awaitingPayment) {
    const pairs = await sql<{ form_id: string; status: string }>`
      select form_id, key as status from case_workflows, jsonb_each(definition -> 'statuses')
      where value -> 'payment' is not null`.execute(db);
    query = query.where((eb) =>
      eb.or(pairs.rows.map((p) => eb.and([eb('form_id', '=', p.form_id), eb('status', '=', p.status)]))),
    );
  }
  return query;
}

/**
 * How many of an authority's requests match `filter` (the back office's queues), counted up to
 * `countCap` and one more: above it, the answer is "more than `countCap`".
 */
export async function countInbox(db: Db, authorityId: string, filter: InboxFilter) {
  const query = (await filtered(db, authorityId, filter)).select(sql`1`.as('one')).limit(countCap + 1);
  const counted = await db
    .selectNoFrom((eb) =>
      eb
        .selectFrom(query.as('matching'))
        .select((m) => m.fn.countAll<string>().as('n'))
        .as('n'),
    )
    .executeTakeFirstOrThrow();
  return Number(counted.n);
}

const orders = {
  newest: { key: 'created_at', direction: 'desc' },
  oldest: { key: 'created_at', direction: 'asc' },
  due: { key: 'due_at', direction: 'asc' },
} as const;

/**
 * An authority's requests, filtered, newest first (or oldest, or soonest due), a page at a time; ties
 * broken by id, so that each request has one place. `hasBefore`/`hasAfter`: whether pages precede or
 * follow this one.
 */
export async function listInbox(db: Db, authorityId: string, filter: InboxFilter & InboxPage) {
  const { key, direction } = orders[filter.sort ?? 'newest'];
  const cursorId = filter.before ?? filter.after;
  // The cursor's own values, read as text: a JavaScript date would lose the microseconds.
  const cursor =
    cursorId && /^[0-9a-f-]{36}$/.test(cursorId)
      ? (
          await sql<{ at: string }>`select ${sql.ref(key)}::text as at from cases
            where id = ${cursorId} and authority_id = ${authorityId}`.execute(db)
        ).rows[0]
      : undefined;
  const backwards = Boolean(cursor && filter.before);
  const ascending = (direction === 'asc') !== backwards;
  let query = await filtered(db, authorityId, filter);
  if (cursor && cursorId)
    query = query.where(
      sql<boolean>`(${sql.ref(key)}, id) ${sql.raw(ascending ? '>' : '<')} (${cursor.at}::timestamptz, ${cursorId}::uuid)`,
    );
  const rows = await query
    .selectAll()
    .orderBy(key, ascending ? 'asc' : 'desc')
    .orderBy('id', ascending ? 'asc' : 'desc')
    .limit(filter.pageSize + 1)
    .execute();
  return keysetPage(rows, filter.pageSize, backwards, Boolean(cursor));
}
