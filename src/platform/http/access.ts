/**
 * Who may call a route, declared in the route table itself. Checks on a particular object
 * (this authority, this account) are the domain's, through the policy; this is the first gate.
 */
export type Access = 'anonymous' | 'person' | 'staff' | 'platformAdmin' | 'apiClient' | 'metrics';

export type StaffRole = 'agent' | 'serviceDesigner' | 'authorityAdmin';

export type Actor =
  | {
      kind: 'person';
      id: string;
      displayName: string;
      staffRoles: { authorityId: string; role: StaffRole }[];
      platformAdmin: boolean;
    }
  | { kind: 'apiClient'; id: string; authorityId: string };

export type AccessOutcome = 'allowed' | 'unauthenticated' | 'forbidden';

export function checkAccess(access: Access, actor: Actor | null): AccessOutcome {
  switch (access) {
    case 'anonymous':
    case 'metrics':
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
