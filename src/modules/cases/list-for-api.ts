import { sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { CursorPosition } from '../../platform/http/api/cursor.ts';
import type { Case } from './cases.ts';
import type { CasesTables } from './tables.ts';

export interface ApiRequestFilter {
  status?: string;
  formId?: string;
  submittedFrom?: Date;
  submittedBefore?: Date;
  /** Where the previous page ended: the order is newest first, ties broken by id, so pages never overlap. */
  after?: CursorPosition;
  limit: number;
}

/**
 * One page of the authority's requests for its business application, plus one row to tell whether
 * another page follows. The authority is a required argument: no filter reaches another's requests.
 */
export async function listRequestsOfAuthority(
  db: Db,
  authorityId: string,
  filter: ApiRequestFilter,
): Promise<(Case & { cursorAt: Date })[]> {
  // Compared at the milliseconds a cursor carries, so that rows within one millisecond are not skipped.
  const at = sql<Date>`date_trunc('milliseconds', created_at)`;
  let query = tablesOf<CasesTables>(db)
    .selectFrom('cases')
    .selectAll()
    .select(at.as('cursorAt'))
    .where('authority_id', '=', authorityId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.formId) query = query.where('form_id', '=', filter.formId);
  if (filter.submittedFrom) query = query.where('created_at', '>=', filter.submittedFrom);
  if (filter.submittedBefore) query = query.where('created_at', '<', filter.submittedBefore);
  const after = filter.after;
  if (after)
    query = query.where((eb) =>
      eb.or([eb(at, '<', after.at), eb.and([eb(at, '=', after.at), eb('id', '<', after.id)])]),
    );
  return query
    .orderBy(at, 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
