import { commercialRegisterSimulator } from '../simulators/commercial-register/index.ts';
import { datatransSimulator } from '../simulators/datatrans/index.tsx';
import { pushServiceSimulator } from '../simulators/push-service/index.ts';
import { saferpaySimulator } from '../simulators/saferpay/index.tsx';
import { smsGatewaySimulator } from '../simulators/sms-gateway/index.ts';
import { accountsModule } from './accounts/module.ts';
import { actingFor } from './acting/index.ts';
import { authoritiesModule } from './authorities/module.ts';
import { casesModule } from './cases/module.ts';
import { catalogueModule } from './catalogue/module.ts';
import { documentsModule } from './documents/module.ts';
import { formsModule } from './forms/module.ts';
import { identityModule } from './identity/module.ts';
import { integrationModule } from './integration/module.ts';
import { bindAwaitedMandates } from './mandates/index.ts';
import { mandatesModule } from './mandates/module.ts';
import { messagingModule } from './messaging/module.ts';
import { notificationsModule } from './notifications/module.ts';
import { paymentsModule } from './payments/module.ts';

/**
 * The domain modules' wiring, in the order their routes are registered. Only this list imports a
 * `module.ts`; a module that needs something from a module above it is handed it here.
 */
export const modules = [
  authoritiesModule,
  identityModule({ actingFor, firstLogin: bindAwaitedMandates }),
  accountsModule,
  mandatesModule,
  catalogueModule,
  notificationsModule,
  documentsModule,
  formsModule,
  paymentsModule,
  casesModule,
  messagingModule,
  integrationModule,
];

/** Stand-ins for external systems, served in demo mode and tests only. */
export const simulators = [
  commercialRegisterSimulator,
  smsGatewaySimulator,
  pushServiceSimulator,
  datatransSimulator,
  saferpaySimulator,
];
