import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Db, escapeLike, tablesOf } from '../../platform/database/database.ts';
import { keysetPage } from '../../platform/database/keyset-page.ts';
import { accountsNamedSql } from '../accounts/index.ts';
import { choicesLabelledSql } from '../forms/index.ts';
import { personsNamedSql } from '../identity/index.ts';
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

/**
 * The words of a search looked for in the requester's name, each wherever it stands ("Dupont Marie"
 * finds Marie Dupont): those of `searchMinimum` characters or more, which the trigrams can look up.
 */
const nameWords = (query: string) => query.split(/\s+/).filter((w) => [...w].length >= searchMinimum);

/** What a search's words name beside the requests' own text: requesters, and choices by their labels. */
interface SearchedFor {
  accountIds: string[];
  personIds: string[];
  /** The codes answers keep for the authority's choices whose label holds the search. */
  choices: string[];
}

/**
 * The accounts and persons whose names hold every word of `query` that can be looked up, and the
 * choices of the authority's forms whose label holds it, in one statement through their modules' own
 * SQL; none for a search too short to look up.
 */
async function searchedFor(db: Db, authorityId: string, query: string): Promise<SearchedFor | undefined> {
  if (isShortSearch(query)) return undefined;
  const words = nameWords(query);
  const named = (ids: RawBuilder<unknown>) => (words.length > 0 ? sql`array(${ids})` : sql`'{}'::uuid[]`);
  const { rows } = await sql<SearchedFor>`select ${named(accountsNamedSql(words))} as "accountIds",
      ${named(personsNamedSql(words))} as "personIds",
      array(${choicesLabelledSql(authorityId, query.trim())}) as choices`.execute(db);
  return rows[0];
}

/** Statuses in which a request is still waiting for the authority's decision. */
const undecided = Object.entries(defaultWorkflow.statuses)
  .filter(([id, s]) => !s.final && id !== 'granted' && id !== 'refused')
  .map(([id]) => id);

/**
 * The (form, status) pairs whose workflow asks the requester for the fee, as a subquery: for a
 * statement that must not be preceded by another ("my space"'s).
 */
export const feePairsSubquery = sql`select form_id, key from case_workflows,
  jsonb_each(definition -> 'statuses') where value -> 'payment' is not null`;

/**
 * The SQL conditions over `cases` of an authority's requests matching `filter`: the one definition of
 * the inbox's filters, for its list, its counts and "my space"'s queue counts, so that they cannot
 * differ. `feePairs`: the (form, status) pairs awaiting a fee, as rows, `null` for none, or by default
 * the subquery. `searched`: the accounts and persons whose names hold the search's words, and the
 * choices whose label holds it (`searchedFor`), whose requests it finds too.
 */
export function inboxConditions(
  authorityId: string,
  filter: InboxFilter,
  {
    now = new Date(),
    feePairs = feePairsSubquery,
    searched,
  }: { now?: Date; feePairs?: RawBuilder<unknown> | null; searched?: SearchedFor } = {},
) {
  const where = [sql<SqlBool>`authority_id = ${authorityId}`];
  if (filter.status) where.push(sql`status = ${filter.status}`);
  if (filter.assignee === 'none') where.push(sql`assignee_person_id is null`);
  else if (filter.assignee) where.push(sql`assignee_person_id = ${filter.assignee}`);
  if (filter.query && isShortSearch(filter.query))
    where.push(sql`reference like ${`${escapeLike(filter.query)}%`}`);
  else if (filter.query) {
    const like = `%${escapeLike(filter.query)}%`;
    // Each arm has its index (the trigrams; `cases_account`, `cases_person_authority`) and the names'
    // ids are values the planner sees, so the arms combine as a bitmap `or` of indexes.
    const arms = [sql<SqlBool>`reference ilike ${like}`, sql<SqlBool>`answers::text ilike ${like}`];
    if (searched?.accountIds.length) arms.push(sql`account_id = any(${searched.accountIds}::uuid[])`);
    if (searched?.personIds.length) arms.push(sql`person_id = any(${searched.personIds}::uuid[])`);
    // A choice's code as the answers' JSON text holds it, quoted: each through the trigram index too.
    for (const code of searched?.choices ?? [])
      arms.push(sql`answers::text like ${`%${escapeLike(JSON.stringify(code))}%`}`);
    where.push(sql`(${sql.join(arms, sql` or `)})`);
  }
  if (filter.formId) where.push(sql`form_id = ${filter.formId}`);
  if (filter.from) where.push(sql`created_at >= ${new Date(`${filter.from}T00:00:00Z`)}`);
  if (filter.to)
    where.push(sql`created_at < ${new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000)}`);
  if (filter.overdue) where.push(sql`due_at < ${now}`);
  if (filter.overdue || filter.open) where.push(sql`status in (${sql.join(undecided)})`);
  if (filter.awaitingPayment) where.push(feePairs ? sql`(form_id, status) in (${feePairs})` : sql`false`);
  return sql.join(where, sql` and `) as RawBuilder<SqlBool>;
}

/** What a filter needs looked up before its query: read once for a page's list and its count. */
export interface InboxLookups {
  feePairs: RawBuilder<unknown> | null;
  searched: SearchedFor | undefined;
}

export async function inboxLookups(db: Db, authorityId: string, filter: InboxFilter): Promise<InboxLookups> {
  // The fee is asked on entering a status of the service's own workflow: those few (form, status)
  // pairs first, so the requests are found by status through the index, not tested one by one.
  let feePairs: RawBuilder<unknown> | null = null;
  if (filter.awaitingPayment) {
    const { rows } = await sql<{ form_id: string; key: string }>`${feePairsSubquery}`.execute(db);
    feePairs = rows.length ? sql.join(rows.map((p) => sql`(${p.form_id}, ${p.key})`)) : null;
  }
  const searched = filter.query ? await searchedFor(db, authorityId, filter.query) : undefined;
  return { feePairs, searched };
}

/** An authority's requests matching `filter`, as a query to count or to read. */
async function filtered(db: Db, authorityId: string, filter: InboxFilter, lookups?: InboxLookups) {
  const { feePairs, searched } = lookups ?? (await inboxLookups(db, authorityId, filter));
  return tables(db)
    .selectFrom('cases')
    .where(inboxConditions(authorityId, filter, { feePairs, searched }));
}

/**
 * How many of an authority's requests match `filter` (the back office's queues), counted up to
 * `countCap` and one more: above it, the answer is "more than `countCap`".
 */
export async function countInbox(db: Db, authorityId: string, filter: InboxFilter, lookups?: InboxLookups) {
  const query = (await filtered(db, authorityId, filter, lookups))
    .select(sql`1`.as('one'))
    .limit(countCap + 1);
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
export async function listInbox(
  db: Db,
  authorityId: string,
  filter: InboxFilter & InboxPage,
  lookups?: InboxLookups,
) {
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
  let query = await filtered(db, authorityId, filter, lookups);
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
