import type { GuichetModule } from '../../platform/module.ts';
import { frameRoutes } from './frame/frame-routes.tsx';
import { keyRoutes } from './key-routes.tsx';
import { lookupRoutes } from './lookup-routes.ts';
import * as createApiClients from './migrations/2026-11-24-10-integration-api-clients.ts';
import * as apiKeys from './migrations/2026-12-01-60-integration-api-keys.ts';
import * as createWebhooks from './migrations/2026-12-01-70-integration-webhooks.ts';
import * as workflowWebhooks from './migrations/2026-12-01-70-integration-workflow-webhooks.ts';
import { referenceRoutes } from './reference-routes.tsx';
import { integrationRoutes } from './routes.ts';
import { alertEndpointDisabled } from './webhooks/alert-disabled.ts';
import { webhookApiRoutes } from './webhooks/api-routes.ts';
import { webhookBackOfficeRoutes } from './webhooks/back-office-routes.tsx';
import { attemptDelivery, deliverDue } from './webhooks/deliver.ts';
import { publishEvent } from './webhooks/publish-event.ts';

/**
 * API keys of the authorities' business applications, the mandate check, and Standard Webhooks: the
 * events other modules emit (`emitEvent`), delivered signed to the endpoints authorities subscribe.
 */
export const integrationModule: GuichetModule = {
  name: 'integration',
  migrations: {
    '2026-11-24-10-integration-api-clients': createApiClients,
    '2026-12-01-60-integration-api-keys': apiKeys,
    '2026-12-01-70-integration-webhooks': createWebhooks,
    '2026-12-01-70-integration-workflow-webhooks': workflowWebhooks,
  },
  routes: (platform) => [
    ...integrationRoutes(platform),
    ...lookupRoutes(platform),
    ...keyRoutes(platform),
    ...referenceRoutes(platform),
    ...webhookApiRoutes(platform),
    ...webhookBackOfficeRoutes(platform),
    ...frameRoutes(platform),
  ],
  jobs: (platform) => {
    const deps = { db: platform.db, secrets: platform.secrets, now: platform.now };
    return {
      'integration:publish-event': async (event) => {
        await publishEvent(platform.db, event, platform.now());
      },
      'integration:deliver-webhook': async ({ deliveryId }) => {
        await attemptDelivery(deps, deliveryId, 'scheduled');
      },
      'integration:deliver-due-webhooks': async () => {
        await deliverDue(deps);
      },
      'integration:alert-endpoint-disabled': async ({ endpointId }) => {
        await alertEndpointDisabled(platform.db, platform.mailer, platform.config.publicUrl, endpointId);
      },
    };
  },
};
