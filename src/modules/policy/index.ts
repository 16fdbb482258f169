export {
  type AccountAction,
  type Action,
  type AuthorityAction,
  accountActions,
  authorityActions,
  integrationActions,
  mandateActions,
  type Resource,
} from './actions.ts';
export { authoritiesWhere, can, canPerson, type Decision } from './can.ts';
