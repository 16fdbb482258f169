import type { GuichetModule } from '../../platform/module.ts';
import * as createApiClients from './migrations/2026-11-24-10-integration-api-clients.ts';
import { integrationRoutes } from './routes.ts';

/** The API of authorities' business applications, with keys per application. Webhooks come next. */
export const integrationModule: GuichetModule = {
  name: 'integration',
  migrations: { '2026-11-24-10-integration-api-clients': createApiClients },
  routes: integrationRoutes,
};
