import type { GuichetModule } from '../../platform/module.ts';
import * as createMandates from './migrations/2026-11-24-09-mandates-create.ts';
import { mandatesMySpace } from './my-space.tsx';
import { mandateRoutes } from './routes.tsx';

export { agentsFor, mandateFor, principalsOf } from './effective-mandates.ts';
export { getMandateOfParty, getMandateOfPrincipal } from './get-mandate.ts';
export {
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
export { themeLabel } from './messages.ts';
export {
  isMandateTheme,
  type MandatePermission,
  type MandateTheme,
  mandatePermissions,
  mandateThemes,
} from './tables.ts';

/** Representation: who may act for whom, on which themes, with which permissions, until when. */
export const mandatesModule: GuichetModule = {
  name: 'mandates',
  migrations: { '2026-11-24-09-mandates-create': createMandates },
  routes: mandateRoutes,
  mySpace: mandatesMySpace,
};
