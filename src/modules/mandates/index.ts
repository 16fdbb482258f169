export { bindAwaitedMandates, bindOrganisationMandates } from './awaited-mandates.ts';
export { agentsFor, mandateFor, principalsOf } from './effective-mandates.ts';
export { getMandateOfParty, getMandateOfPrincipal } from './get-mandate.ts';
export {
  type AwaitedAgent,
  acceptMandate,
  approvalsSuffice,
  approveMandate,
  approversOf,
  closeMandate,
  delegateMandate,
  listMandates,
  type Mandate,
  type MandateTerms,
  proposeMandate,
  requestMandate,
  signaturesOf,
} from './mandates.ts';
export { permissionLabel, themeLabel } from './messages.ts';
export { principalAccountsOf } from './my-space-summary.ts';
export { mandatedAccountIdsSql, type RepresentedMandate, representedSql } from './represented-sql.ts';
export {
  isMandateTheme,
  type MandatePermission,
  type MandateTheme,
  mandatePermissions,
  mandateThemes,
} from './tables.ts';
