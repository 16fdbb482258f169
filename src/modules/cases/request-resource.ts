import type { Db } from '../../platform/database/database.ts';
import type { Actor, StaffRole } from '../../platform/http/access.ts';
import { getForm } from '../forms/index.ts';
import { can, type Decision, type RequestResource } from '../policy/index.ts';
import type { Case } from './cases.ts';
import { listForAccount } from './cases.ts';

/** What the policy decides on for a request: whose it is, who handles it, its service's theme. */
export async function requestResource(
  db: Db,
  item: Case,
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

/** The requests of the account in use the actor may follow, as the policy decides for each. */
export async function requestsVisibleTo(db: Db, actor: Actor & { kind: 'person' }): Promise<Case[]> {
  const all = await listForAccount(db, actor.account.id);
  const seen = await Promise.all(
    all.map(async (item) => ((await canOnCase(db, actor, 'request.view', item)).allowed ? item : undefined)),
  );
  return seen.filter((item): item is Case => item !== undefined);
}
