export {
  type AccountAction,
  type Action,
  type AuthorityAction,
  accountActions,
  authorityActions,
  mandateActions,
  type Resource,
} from './actions.ts';
export { can, type Decision } from './can.ts';
