import type { GuichetModule } from '../../platform/module.ts';
import * as createApiClients from './migrations/2026-11-24-10-integration-api-clients.ts';
import { integrationRoutes } from './routes.ts';

/**
 * API keys of the authorities' business applications, and the mandate check. The other endpoints live
 * with their module (documents, forms, cases); webhooks are sent by the cases workflows.
 */
export const integrationModule: GuichetModule = {
  name: 'integration',
  migrations: { '2026-11-24-10-integration-api-clients': createApiClients },
  routes: integrationRoutes,
};
