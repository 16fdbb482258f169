import type { GuichetModule } from '../../platform/module.ts';
import { keyRoutes } from './key-routes.tsx';
import { lookupRoutes } from './lookup-routes.ts';
import * as createApiClients from './migrations/2026-11-24-10-integration-api-clients.ts';
import * as apiKeys from './migrations/2026-12-01-60-integration-api-keys.ts';
import { referenceRoutes } from './reference-routes.tsx';
import { integrationRoutes } from './routes.ts';

/**
 * API keys of the authorities' business applications, and the mandate check. The other endpoints live
 * with their module (documents, forms, cases); webhooks are sent by the cases workflows.
 */
export const integrationModule: GuichetModule = {
  name: 'integration',
  migrations: {
    '2026-11-24-10-integration-api-clients': createApiClients,
    '2026-12-01-60-integration-api-keys': apiKeys,
  },
  routes: (platform) => [
    ...integrationRoutes(platform),
    ...lookupRoutes(platform),
    ...keyRoutes(platform),
    ...referenceRoutes(platform),
  ],
};
