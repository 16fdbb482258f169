import type { Db } from '../../platform/database/database.ts';
import type { Actor } from '../../platform/http/access.ts';
import { type Action, holdsScope, type RequestResource, type Resource } from './actions.ts';
import type { can, Decision } from './can.ts';

const denied: Decision = { allowed: false };

/**
 * The rules on a request, delegated to those on its account and its authority (`decide` is `can`):
 * - the account's people follow it as they consult the account, and act on it as they submit for it;
 * - a representative follows only the requests made under their own mandate, while a mandate still
 *   lets them submit for the account on the request's theme;
 * - staff who process the authority's requests process it; a move along the workflow also needs one
 *   of the roles the workflow gives that move;
 * - the authority's business application reads it and moves it along through the API, with the scopes
 *   for it, and does nothing else.
 */
export async function canOnRequest(
  db: Db,
  actor: Actor | null,
  action: Action,
  resource: RequestResource,
  now: Date,
  decide: typeof can,
): Promise<Decision> {
  if (actor?.kind === 'apiClient')
    return (action === 'request.readThroughApi' || action === 'request.changeThroughApi') &&
      actor.authorityId === resource.authorityId &&
      holdsScope(actor, action)
      ? { allowed: true, via: 'apiClient' }
      : denied;
  if (actor?.kind !== 'person') return denied;
  const authority: Resource = { type: 'authority', authorityId: resource.authorityId };
  switch (action) {
    case 'request.process':
      return decide(db, actor, 'authority.processRequests', authority, now);
    case 'request.transition': {
      const staff = await decide(db, actor, 'authority.processRequests', authority, now);
      const roles = resource.transitionRoles ?? [];
      const holds = actor.staffRoles.some(
        (r) => r.authorityId === resource.authorityId && roles.includes(r.role),
      );
      return staff.allowed && holds ? staff : denied;
    }
    case 'request.view':
    case 'request.message':
    case 'request.answerComplement':
    case 'request.withdraw': {
      const accountAction = action === 'request.view' ? 'account.consult' : 'account.submit';
      // Without a theme the account's rule answers for its holder and members only.
      const asMember = await decide(
        db,
        actor,
        accountAction,
        { type: 'account', accountId: resource.accountId },
        now,
      );
      if (asMember.allowed) return asMember;
      if (
        !resource.mandateId ||
        !resource.theme ||
        actor.mandate?.id !== resource.mandateId ||
        actor.account.id !== resource.accountId
      )
        return denied;
      const asAgent = await decide(
        db,
        actor,
        'account.submit',
        { type: 'account', accountId: resource.accountId, theme: resource.theme },
        now,
      );
      return asAgent.allowed ? { allowed: true, via: 'mandate', mandateId: resource.mandateId } : denied;
    }
    default:
      return denied;
  }
}
