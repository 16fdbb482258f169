export {
  type AccountAction,
  type Action,
  type ApiScope,
  type AuthorityAction,
  accountActions,
  apiScopeFor,
  apiScopes,
  authorityActions,
  holdsScope,
  integrationActions,
  mandateActions,
  type RequestAction,
  type RequestResource,
  type Resource,
  requestActions,
  type TicketResource,
  ticketActions,
} from './actions.ts';
export { authoritiesWhere, can, canPerson, type Decision } from './can.ts';
export { refusal } from './refusal.ts';
