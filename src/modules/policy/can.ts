import type { Db } from '../../platform/database/database.ts';
import type { Actor, StaffRole } from '../../platform/http/access.ts';
import { noteDecision } from '../../platform/http/decision-trace.ts';
import { accountAccess } from '../accounts/index.ts';
import { type MandatePermission, type MandateTheme, mandateFor } from '../mandates/index.ts';
import {
  type AccountAction,
  type Action,
  type AuthorityAction,
  formApiActions,
  holdsScope,
  integrationActions,
  mandatePermissionFor,
  type Resource,
} from './actions.ts';
import { decideBooking } from './booking-rules.ts';
import {
  decideAccountUse,
  decideDraft,
  decideSubmission,
  decideThread,
  decideTicket,
} from './object-rules.ts';
import { canOnRequest } from './request-rules.ts';

export type Decision =
  | {
      allowed: true;
      via: 'holder' | 'member' | 'mandate' | 'staff' | 'platformAdmin' | 'apiClient';
      mandateId?: string;
    }
  | {
      allowed: false;
      /** Acting under a mandate for this account, but one that does not reach this theme or right. */
      beyondMandate?: { theme: MandateTheme; permission: MandatePermission; themeCovered: boolean };
    };

const denied: Decision = { allowed: false };
/** What API clients may ask, and only they. */
const apiActions: readonly string[] = [...integrationActions, ...formApiActions];

/** Which staff roles may do what in their own authority. */
const staffRolesFor: Record<AuthorityAction, StaffRole[]> = {
  'authority.manageBranding': ['authorityAdmin'],
  'authority.processRequests': ['agent', 'authorityAdmin'],
  'authority.designServices': ['serviceDesigner', 'authorityAdmin'],
  'authority.publishDocuments': ['agent', 'authorityAdmin'],
  'authority.manageTemplates': ['authorityAdmin'],
  'authority.viewPayments': ['agent', 'authorityAdmin'],
  'authority.refundPayments': ['authorityAdmin'],
  'authority.revokeDocuments': ['authorityAdmin'],
  'authority.manageWebhooks': ['authorityAdmin'],
  'authority.manageApiKeys': ['authorityAdmin'],
  'authority.managePayments': ['authorityAdmin'],
  // Sending a QR-bill moves no money (agents help people who cannot pay online); reconciling settles
  // fees and writes money off, which is the administrator's, like refunds.
  'authority.sendQrBills': ['agent', 'authorityAdmin'],
  'authority.reconcilePayments': ['authorityAdmin'],
  'authority.viewIndicators': ['agent', 'authorityAdmin'],
  'authority.handleBookings': ['agent', 'authorityAdmin'],
  'authority.manageBookingResources': ['serviceDesigner', 'authorityAdmin'],
};

/**
 * The one authorisation policy: may `actor` do `action` on `resource`? Every access decision of the
 * platform — citizen side, back office, API — asks here, and nowhere else.
 *
 * @example await can(db, actor, 'account.consult', { type: 'account', accountId, theme: 'tax' })
 */
export async function can(
  db: Db,
  actor: Actor | null,
  action: Action,
  resource: Resource,
  now = new Date(),
): Promise<Decision> {
  noteDecision(); // for the router, which refuses an object-bound answer that asked nothing
  if (resource.type === 'request') return canOnRequest(db, actor, action, resource, now, can);
  if (actor?.kind === 'apiClient') {
    const own = resource.type === 'authority' && resource.authorityId === actor.authorityId;
    return own && apiActions.includes(action) && holdsScope(actor, action)
      ? { allowed: true, via: 'apiClient' }
      : denied;
  }
  if (actor?.kind !== 'person') return denied;
  if (apiActions.includes(action)) return denied;
  if (resource.type === 'thread') return decideThread(db, actor, action, resource, now);
  if (resource.type === 'draft')
    return decideDraft(actor, action, resource, (accountId, theme) =>
      can(db, actor, 'account.submit', { type: 'account', accountId, theme }, now),
    );
  if (resource.type === 'submission') return decideSubmission(db, actor, action, resource, now);
  if (resource.type === 'ticket') return decideTicket(actor, action, resource);
  if (resource.type === 'booking') return decideBooking(db, actor, action, resource);
  if (action === 'account.use')
    return resource.type === 'account' ? decideAccountUse(db, actor, resource.accountId, now) : denied;
  if (resource.type === 'authority') {
    if (!action.startsWith('authority.')) return denied;
    if (actor.platformAdmin && action === 'authority.manageBranding')
      return { allowed: true, via: 'platformAdmin' };
    const roles = staffRolesFor[action as AuthorityAction];
    const holds = actor.staffRoles.some(
      (r) => r.authorityId === resource.authorityId && roles.includes(r.role),
    );
    return holds ? { allowed: true, via: 'staff' } : denied;
  }
  if (resource.type === 'mandate') {
    if (action === 'mandate.revoke' || action === 'mandate.approve') {
      const principal = await accountAccess(db, actor.id, resource.principalAccountId);
      return principal?.role === 'admin'
        ? { allowed: true, via: principal.kind === 'personal' ? 'holder' : 'member' }
        : denied;
    }
    if (action !== 'mandate.respond') return denied;
    if (resource.agentPersonId === actor.id) return { allowed: true, via: 'holder' };
    // A mandate to an organisation is answered by that organisation's admins.
    const agentAccount = resource.agentAccountId
      ? await accountAccess(db, actor.id, resource.agentAccountId)
      : undefined;
    return agentAccount?.role === 'admin' ? { allowed: true, via: 'member' } : denied;
  }
  if (!action.startsWith('account.')) return denied;
  const accountAction = action as AccountAction;
  // The account in use's membership was read for this very request (resolveActor): not read twice.
  const inUse = actor.account;
  const membership =
    inUse.id === resource.accountId && inUse.role
      ? { role: inUse.role, kind: inUse.kind }
      : await accountAccess(db, actor.id, resource.accountId);
  if (membership) {
    if (membership.role === 'admin')
      return { allowed: true, via: membership.kind === 'personal' ? 'holder' : 'member' };
    return accountAction === 'account.manage' ? denied : { allowed: true, via: 'member' };
  }
  const permission = mandatePermissionFor[accountAction];
  if (!permission || !resource.theme) return denied; // under a mandate, only within a theme
  const mandate = await mandateFor(
    db,
    { personId: actor.id, principalAccountId: resource.accountId, theme: resource.theme, permission },
    now,
  );
  if (mandate) return { allowed: true, via: 'mandate', mandateId: mandate.id };
  // Said when the person acts for this very account, so they (and the principal) know what to extend.
  if (actor.mandate && actor.account.id === resource.accountId)
    return {
      allowed: false,
      beyondMandate: {
        theme: resource.theme,
        permission,
        themeCovered: actor.mandate.themes.includes(resource.theme),
      },
    };
  return denied;
}

/**
 * The same decision for a person named by an integration (not the one logged in): may they do `action`
 * on the account, as its holder, a member, or under a mandate?
 */
export function canPerson(
  db: Db,
  personId: string,
  action: AccountAction,
  resource: Resource,
  now = new Date(),
): Promise<Decision> {
  const person: Actor = {
    kind: 'person',
    id: personId,
    displayName: '',
    language: 'fr',
    level: 'low',
    account: { id: '', name: '', kind: 'personal' },
    staffRoles: [],
    platformAdmin: false,
  };
  return can(db, person, action, resource, now);
}

/**
 * The authorities in which the actor may do `action`, among those they hold a staff role in: what a
 * back-office list offers (the services they design, the forms they build).
 */
export async function authoritiesWhere(
  db: Db,
  actor: Actor | null,
  action: AuthorityAction,
): Promise<string[]> {
  if (actor?.kind !== 'person') return [];
  const ids = [...new Set(actor.staffRoles.map((r) => r.authorityId))];
  const decisions = await Promise.all(
    ids.map(async (authorityId) =>
      (await can(db, actor, action, { type: 'authority', authorityId })).allowed ? authorityId : undefined,
    ),
  );
  return decisions.filter((id): id is string => id !== undefined);
}
