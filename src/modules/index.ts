import { commercialRegisterSimulator } from '../simulators/commercial-register/index.ts';
import { datatransSimulator } from '../simulators/datatrans/index.tsx';
import { pushServiceSimulator } from '../simulators/push-service/index.ts';
import { smsGatewaySimulator } from '../simulators/sms-gateway/index.ts';
import { accountsModule } from './accounts/index.ts';
import { authoritiesModule } from './authorities/index.ts';
import { casesModule } from './cases/index.ts';
import { catalogueModule } from './catalogue/index.ts';
import { documentsModule } from './documents/index.ts';
import { formsModule } from './forms/index.ts';
import { identityModule } from './identity/index.ts';
import { integrationModule } from './integration/index.ts';
import { mandatesModule } from './mandates/index.ts';
import { messagingModule } from './messaging/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { paymentsModule } from './payments/index.ts';

/**
 * The domain modules, in the order their routes are registered. Still to come, each in its own
 * folder: signing,
 * verification, indicators, support.
 */
export const modules = [
  authoritiesModule,
  identityModule,
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
];
