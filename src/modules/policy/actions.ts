import type { StaffRole } from '../../platform/http/access.ts';
import type { MandatePermission, MandateTheme } from '../mandates/index.ts';

/**
 * Every action the platform checks, by the kind of resource it is done on. A new action is added here
 * and to the matrix test, which fails until its expected answers are written down.
 */
export const accountActions = [
  'account.consult',
  'account.submit',
  'account.receive',
  'account.pay',
  'account.manage',
] as const;
export const authorityActions = [
  'authority.manageBranding',
  'authority.processRequests',
  'authority.designServices',
  'authority.publishDocuments',
  'authority.manageTemplates',
  'authority.viewPayments',
  'authority.refundPayments',
] as const;
/** On a mandate: the agent answers it (accept, decline, give up); the principal's side signs or revokes it. */
export const mandateActions = ['mandate.respond', 'mandate.approve', 'mandate.revoke'] as const;

export type AccountAction = (typeof accountActions)[number];
export type AuthorityAction = (typeof authorityActions)[number];
/** What an authority's business application may ask through the API, about its own authority's work. */
export const integrationActions = ['integration.checkMandates', 'integration.publishDocuments'] as const;

export type MandateAction = (typeof mandateActions)[number];
export type IntegrationAction = (typeof integrationActions)[number];
export type Action = AccountAction | AuthorityAction | MandateAction | IntegrationAction | RequestAction;

export type Resource =
  | { type: 'account'; accountId: string; theme?: MandateTheme }
  | { type: 'authority'; authorityId: string }
  | {
      type: 'mandate';
      principalAccountId: string;
      agentPersonId: string | null;
      agentAccountId: string | null;
    }
  | RequestResource;

/** What a mandate must grant for an account action; `account.manage` is never done under a mandate. */
export const mandatePermissionFor: Record<AccountAction, MandatePermission | undefined> = {
  'account.consult': 'consult',
  'account.submit': 'submit',
  'account.receive': 'receive',
  'account.pay': 'pay',
  'account.manage': undefined,
};

// --- Requests (cases) -------------------------------------------------------------------------------

/**
 * On a request: the requester's side follows it (`view`), writes on it (`message`), answers a
 * complement and withdraws it; the authority's staff process it and move it along its workflow;
 * the authority's business application reads it through the API.
 */
export const requestActions = [
  'request.view',
  'request.message',
  'request.answerComplement',
  'request.withdraw',
  'request.process',
  'request.transition',
  'request.readThroughApi',
] as const;
export type RequestAction = (typeof requestActions)[number];

/** A request: whose it is (the account, and the mandate it was made under), which authority handles it. */
export interface RequestResource {
  type: 'request';
  authorityId: string;
  accountId: string;
  /** The mandate a representative made it under; only that mandate's agent follows it for the account. */
  mandateId: string | null;
  /** The mandate theme of its service; a representative needs a mandate on it. */
  theme?: MandateTheme;
  /** For `request.transition`: the staff roles the workflow lets make the move asked. */
  transitionRoles?: StaffRole[];
}
