export { agentsFor, mandateFor, principalsOf } from './effective-mandates.ts';
export {
  acceptMandate,
  approvalsSuffice,
  approveMandate,
  approversOf,
  closeMandate,
  delegateMandate,
  getMandate,
  listMandates,
  type Mandate,
  type MandateTerms,
  proposeMandate,
  requestMandate,
  signaturesOf,
} from './mandates.ts';
export { themeLabel } from './messages.ts';
export {
  isMandateTheme,
  type MandatePermission,
  type MandateTheme,
  mandatePermissions,
  mandateThemes,
} from './tables.ts';
