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
  'authority.revokeDocuments',
  'authority.manageWebhooks',
  'authority.manageApiKeys',
  'authority.managePayments',
  'authority.sendQrBills',
  'authority.reconcilePayments',
  'authority.viewIndicators',
  'authority.handleBookings',
  'authority.manageBookingResources',
] as const;
/** On a mandate: the agent answers it (accept, decline, give up); the principal's side signs or revokes it. */
export const mandateActions = ['mandate.respond', 'mandate.approve', 'mandate.revoke'] as const;

export type AccountAction = (typeof accountActions)[number];
export type AuthorityAction = (typeof authorityActions)[number];
/** What an authority's business application may ask through the API, about its own authority's work. */
export const integrationActions = [
  'integration.checkMandates',
  'integration.publishDocuments',
  'integration.readDocuments',
  'integration.readServices',
  'integration.readMessages',
  'integration.sendMessages',
  'integration.readPayments',
  'integration.askPayments',
  'integration.lookUpPersons',
  'integration.lookUpOrganisations',
  'integration.readWebhooks',
  'integration.manageWebhooks',
  'integration.importBankNotifications',
  'integration.readNarcoticsStatements',
  'integration.recordNarcoticsStatements',
  'integration.issueDocuments',
] as const;

/**
 * What an API key (or client-credentials token) may be given: a resource and `read` or `write`. A key
 * holds some of them; the policy allows an API action only with the scope it needs.
 */
export const apiScopes = [
  'services:read',
  'requests:read',
  'requests:write',
  'documents:read',
  'documents:write',
  'messages:read',
  'messages:write',
  'payments:read',
  'payments:write',
  'mandates:read',
  'persons:read',
  'organisations:read',
  'forms:read',
  'webhooks:read',
  'webhooks:write',
  'verifications:read',
  'narcotics:read',
  'narcotics:write',
  'documents:issue',
] as const;
export type ApiScope = (typeof apiScopes)[number];

export type MandateAction = (typeof mandateActions)[number];
export type IntegrationAction = (typeof integrationActions)[number];
export type Action =
  | AccountAction
  | AuthorityAction
  | MandateAction
  | IntegrationAction
  | ThreadAction
  | DraftAction
  | SubmissionAction
  | FormApiAction
  | AccountUseAction
  | RequestAction
  | TicketAction
  | BookingAction;

export type Resource =
  | { type: 'account'; accountId: string; theme?: MandateTheme }
  | { type: 'authority'; authorityId: string }
  | {
      type: 'mandate';
      principalAccountId: string;
      agentPersonId: string | null;
      agentAccountId: string | null;
    }
  | ThreadResource
  | DraftResource
  | SubmissionResource
  | RequestResource
  | TicketResource
  | BookingResource;

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
  'request.changeThroughApi',
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

// ── Threads, drafts, submissions and the forms API ──────────────────────────────────────────────────

/**
 * On a thread between an account and an authority: the account's side reads it and writes in it (its
 * people, or the representative who started it under a mandate still in force); the authority's team
 * handles it (reads and answers) and assigns it.
 */
export const threadActions = ['thread.read', 'thread.write', 'thread.handle', 'thread.assign'] as const;
/** On a draft: the person who began it fills it in and sends it, while they may still submit for the account. */
export const draftActions = ['draft.fillIn'] as const;
/** On a submission: the person who sent it reads it and its receipt, in the account it was sent for. */
export const submissionActions = ['submission.view'] as const;
/**
 * On an account: using it, i.e. switching to it: its people, or an agent with any mandate in force
 * (what they may then do in it is asked action by action).
 */
export const accountUseActions = ['account.use'] as const;
/** What a business application reads of its own authority's published forms. */
export const formApiActions = ['integration.readFormSchemas'] as const;

export type ThreadAction = (typeof threadActions)[number];
export type DraftAction = (typeof draftActions)[number];
export type SubmissionAction = (typeof submissionActions)[number];
export type FormApiAction = (typeof formApiActions)[number];
export type AccountUseAction = (typeof accountUseActions)[number];

/** A thread, or the one about to be started (then `mandateId` is the mandate the writer acts under). */
export type ThreadResource = {
  type: 'thread';
  accountId: string;
  authorityId: string;
  mandateId: string | null;
};
export type DraftResource = { type: 'draft'; accountId: string; personId: string; theme?: MandateTheme };
export type SubmissionResource = { type: 'submission'; accountId: string; personId: string };

// ── Support tickets ─────────────────────────────────────────────────────────────────────────────────

/**
 * On a support ticket: the person who opened it (logged in) follows it and writes in it; the staff of
 * the authority handling it (the canton's support desk, or the authority it was handed over to) and
 * the support desk itself handle it: reply, assign, change its state, hand it over or back.
 */
export const ticketActions = ['ticket.follow', 'ticket.handle'] as const;
export type TicketAction = (typeof ticketActions)[number];
export type TicketResource = {
  type: 'ticket';
  /** Who opened it, when logged in; null for a ticket opened with an e-mail address only. */
  requesterPersonId: string | null;
  /** The authority handling it now. */
  handlerAuthorityId: string;
  /** The support desk's authority (the canton), which keeps an eye on what it handed over. */
  deskAuthorityId: string;
};
/**
 * On a booking of a room or equipment: the account's people see and cancel it (in the account in use;
 * not under a mandate, which names no booking theme); the authority's staff confirm or refuse it.
 */
export const bookingActions = ['booking.view', 'booking.cancel', 'booking.decide'] as const;
export type BookingAction = (typeof bookingActions)[number];
/** A booking: whose it is (none for a staff's block), and which authority's resource it takes. */
export type BookingResource = { type: 'booking'; accountId: string | null; authorityId: string };

/** The scope each action of the API needs. */
export const apiScopeFor: Record<
  IntegrationAction | FormApiAction | 'request.readThroughApi' | 'request.changeThroughApi',
  ApiScope
> = {
  'integration.checkMandates': 'mandates:read',
  'integration.publishDocuments': 'documents:write',
  'integration.readDocuments': 'documents:read',
  'integration.readServices': 'services:read',
  'integration.readMessages': 'messages:read',
  'integration.sendMessages': 'messages:write',
  'integration.readPayments': 'payments:read',
  'integration.askPayments': 'payments:write',
  'integration.lookUpPersons': 'persons:read',
  'integration.lookUpOrganisations': 'organisations:read',
  'integration.readWebhooks': 'webhooks:read',
  'integration.manageWebhooks': 'webhooks:write',
  'integration.importBankNotifications': 'payments:write',
  'integration.readNarcoticsStatements': 'narcotics:read',
  'integration.recordNarcoticsStatements': 'narcotics:write',
  // Issuing a sealed document in the authority's name is more than writing on a request.
  'integration.issueDocuments': 'documents:issue',
  'integration.readFormSchemas': 'forms:read',
  'request.readThroughApi': 'requests:read',
  'request.changeThroughApi': 'requests:write',
};

/** Whether an API client's key or token holds the scope an action needs. */
export function holdsScope(actor: { scopes: readonly string[] }, action: Action): boolean {
  const scope = apiScopeFor[action as keyof typeof apiScopeFor];
  return scope !== undefined && actor.scopes.includes(scope);
}

/** Every action, for the matrix test to enumerate. */
export const allActions = [
  ...accountActions,
  ...authorityActions,
  ...mandateActions,
  ...integrationActions,
  ...threadActions,
  ...draftActions,
  ...submissionActions,
  ...formApiActions,
  ...accountUseActions,
  ...requestActions,
  ...ticketActions,
  ...bookingActions,
] as const;
