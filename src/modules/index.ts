import { commercialRegisterSimulator } from '../simulators/commercial-register/index.ts';
import { communalErpSimulator } from '../simulators/communal-erp/index.ts';
import { datatransSimulator } from '../simulators/datatrans/index.tsx';
import { debtRegisterSimulator } from '../simulators/debt-register/index.ts';
import { healthRegisterSimulator } from '../simulators/health-register/index.ts';
import { narcoticsRegisterSimulator } from '../simulators/narcotics-register/index.ts';
import { pushServiceSimulator } from '../simulators/push-service/index.ts';
import { saferpaySimulator } from '../simulators/saferpay/index.tsx';
import { sionAppSimulator } from '../simulators/sion-app/index.tsx';
import { smsGatewaySimulator } from '../simulators/sms-gateway/index.ts';
import { swiyuIssuerSimulator } from '../simulators/swiyu-issuer/index.ts';
import { swiyuVerifierSimulator } from '../simulators/swiyu-verifier/index.ts';
import { swiyuWalletSimulator } from '../simulators/swiyu-wallet/index.ts';
import { taxSystemSimulator } from '../simulators/tax-system/index.ts';
import { tsaSimulator } from '../simulators/tsa/index.ts';
import { accountsModule } from './accounts/module.ts';
import { actingFor } from './acting/index.ts';
import { authoritiesModule } from './authorities/module.ts';
import { bookingModule } from './booking/module.ts';
import { casesModule } from './cases/module.ts';
import { catalogueModule } from './catalogue/module.ts';
import { documentsModule } from './documents/module.ts';
import { formsModule } from './forms/module.ts';
import { identityModule } from './identity/module.ts';
import { indicatorsModule } from './indicators/module.ts';
import { integrationModule } from './integration/module.ts';
import { bindAwaitedMandates } from './mandates/index.ts';
import { mandatesModule } from './mandates/module.ts';
import { messagingModule } from './messaging/module.ts';
import { notificationsModule } from './notifications/module.ts';
import { qrBillLayout } from './payments/index.ts';
import { paymentsModule } from './payments/module.ts';
import { apiScopes } from './policy/index.ts';
import {
  currentSealKey,
  issuedDocumentBySerial,
  issuedDocumentBySha256,
  revokedSerials,
  validateSeal,
  verificationKeys,
} from './signing/index.ts';
import { signingModule } from './signing/module.ts';
import { supportModule } from './support/module.ts';
import { verificationModule } from './verification/module.ts';

/**
 * The domain modules' wiring, in the order their routes are registered. Only this list imports a
 * `module.ts`; a module that needs something from a module above it is handed it here.
 */
export const modules = [
  authoritiesModule,
  identityModule({ actingFor, firstLogin: bindAwaitedMandates, apiScopes }),
  accountsModule,
  mandatesModule,
  catalogueModule,
  notificationsModule,
  documentsModule,
  signingModule({ layouts: { 'qr-bill': qrBillLayout } }),
  verificationModule({
    keys: verificationKeys,
    validateSeal,
    sealKey: currentSealKey,
    register: { bySerial: issuedDocumentBySerial, bySha256: issuedDocumentBySha256, revokedSerials },
  }),
  formsModule,
  paymentsModule,
  casesModule,
  messagingModule,
  integrationModule,
  indicatorsModule,
  supportModule,
  bookingModule,
];

/** Stand-ins for external systems, served in demo mode and tests only. */
export const simulators = [
  commercialRegisterSimulator,
  smsGatewaySimulator,
  pushServiceSimulator,
  datatransSimulator,
  tsaSimulator,
  saferpaySimulator,
  communalErpSimulator,
  sionAppSimulator,
  narcoticsRegisterSimulator,
  debtRegisterSimulator,
  taxSystemSimulator,
  healthRegisterSimulator,
  swiyuVerifierSimulator,
  swiyuIssuerSimulator,
  swiyuWalletSimulator,
];
