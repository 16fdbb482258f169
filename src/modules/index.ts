import { authoritiesModule } from './authorities/index.ts';

/**
 * The domain modules, in the order their routes are registered. Still to come, each in its own
 * folder: identity, accounts, mandates, catalogue, forms, cases, documents, messaging,
 * notifications, payments, signing, verification, integration, indicators, support.
 */
export const modules = [authoritiesModule];
