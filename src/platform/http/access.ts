import type { Locale } from '../i18n/locales.ts';
import { type AssuranceLevel, atLeast } from './assurance-level.ts';

/**
 * Who may call a route, declared in the route table itself. Checks on a particular object
 * (this authority, this account) are the domain's, through the policy; this is the first gate.
 * `machine` marks server-to-server endpoints (OpenID Connect token and back-channel logout, gateway
 * simulators): their callers prove themselves with client credentials, signed tokens or a bearer
 * token, never with our session cookie, so they carry no CSRF token.
 */
export type Access = 'anonymous' | 'person' | 'staff' | 'platformAdmin' | 'apiClient' | 'metrics' | 'machine';

export type StaffRole = 'agent' | 'serviceDesigner' | 'authorityAdmin';

export interface PersonActor {
  kind: 'person';
  id: string;
  displayName: string;
  /** The interface language the person chose in their preferences. */
  language: Locale;
  /** The level of assurance of the means this session logged in with. */
  level: AssuranceLevel;
  /** The account being used: the person's own, one they are a member of, or one they act for. */
  account: {
    id: string;
    name: string;
    kind: 'personal' | 'professional';
    /** The person's role in it when they are one of its people, as read for this request (not under a mandate). */
    role?: 'admin' | 'member';
  };
  /** Set when acting for someone else's account: the mandate that allows it, checked on every request. */
  mandate?: { id: string; themes: string[] };
  staffRoles: { authorityId: string; role: StaffRole }[];
  platformAdmin: boolean;
}

/**
 * An authority's business application, by API key or client-credentials token: bound to its authority,
 * limited to its scopes (`requests:read`, …); the policy decides on each object.
 */
export interface ApiClientActor {
  kind: 'apiClient';
  id: string;
  authorityId: string;
  scopes: readonly string[];
}

export type Actor = PersonActor | ApiClientActor;

export type AccessOutcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'stepUp';

export function checkAccess(access: Access, actor: Actor | null, level?: AssuranceLevel): AccessOutcome {
  const outcome = checkRole(access, actor);
  if (outcome !== 'allowed' || !level || actor?.kind !== 'person') return outcome;
  return atLeast(actor.level, level) ? 'allowed' : 'stepUp';
}

function checkRole(access: Access, actor: Actor | null): AccessOutcome {
  switch (access) {
    case 'anonymous':
    case 'metrics':
    case 'machine':
      return 'allowed';
    case 'person':
      return actor?.kind === 'person' ? 'allowed' : 'unauthenticated';
    case 'staff':
      if (actor?.kind !== 'person') return 'unauthenticated';
      return actor.staffRoles.length > 0 || actor.platformAdmin ? 'allowed' : 'forbidden';
    case 'platformAdmin':
      if (actor?.kind !== 'person') return 'unauthenticated';
      return actor.platformAdmin ? 'allowed' : 'forbidden';
    case 'apiClient':
      return actor?.kind === 'apiClient' ? 'allowed' : 'unauthenticated';
  }
}
