import type { Db } from '../../platform/database/database.ts';
import { visibleKeysetPage } from '../../platform/database/keyset-page.ts';
import type { Actor, StaffRole } from '../../platform/http/access.ts';
import { getForm } from '../forms/index.ts';
import { can, type Decision, type RequestResource } from '../policy/index.ts';
import type { Case } from './cases.ts';
import { listPageForAccount } from './cases.ts';

/** What the policy decides on for a request: whose it is, who handles it, its service's theme. */
export async function requestResource(
  db: Db,
  item: Pick<Case, 'form_id' | 'authority_id' | 'account_id' | 'mandate_id'>,
  transitionRoles?: StaffRole[],
): Promise<RequestResource> {
  const theme = (await getForm(db, item.form_id))?.theme ?? undefined;
  return {
    type: 'request',
    authorityId: item.authority_id,
    accountId: item.account_id,
    mandateId: item.mandate_id,
    ...(theme && { theme }),
    ...(transitionRoles && { transitionRoles }),
  };
}

/** The policy's decision on one request. */
export async function canOnCase(
  db: Db,
  actor: Actor | null,
  action: Parameters<typeof can>[2],
  item: Case,
  transitionRoles?: StaffRole[],
): Promise<Decision> {
  return can(db, actor, action, await requestResource(db, item, transitionRoles));
}

/** A page of the account's requests, newest first: `after`/`before` is the request it follows/precedes. */
export interface RequestsPageQuery {
  after?: string;
  before?: string;
  size: number;
}

/**
 * One page of the requests of the account in use the actor may follow, keyset on (created_at, id) so
 * that a page costs the same at the thousandth request as at the first. The policy still decides on
 * each request: rows it hides are skipped and the next rows read until the page is full.
 */
export async function requestsPageVisibleTo(
  db: Db,
  actor: Actor & { kind: 'person' },
  query: RequestsPageQuery,
): Promise<{ items: Case[]; hasBefore: boolean; hasAfter: boolean }> {
  return visibleKeysetPage(
    query,
    (cursor, backwards, limit) => listPageForAccount(db, actor.account.id, cursor, backwards, limit),
    async (item) => ((await canOnCase(db, actor, 'request.view', item)).allowed ? item : null),
  );
}
