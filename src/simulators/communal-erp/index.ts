import type { GuichetModule } from '../../platform/module.ts';
import { handleEvent, webhookPath } from './erp.ts';
import * as erpTables from './migrations/2026-12-01-70-integration-communal-erp-simulator.ts';
import * as fieldNames from './migrations/2026-12-02-41-communal-erp-field-names.ts';
import { dogs, settingsOf } from './store.ts';
import { verifyWebhook } from './verify-webhook.ts';

const none = { none: 'a simulator of a commune’s business application (demo and tests)' };

/**
 * A stand-in for Sion's communal ERP (its dog register). It knows nothing of Guichet's modules or
 * tables: it is subscribed through the API (`connectCommunalErp`), receives `request.submitted` as a
 * Standard Webhook, checks the signature itself, gives each dog a tag number from its own register
 * and answers the requester on the request through the API.
 */
export const communalErpSimulator: GuichetModule = {
  name: 'communal-erp-simulator',
  migrations: {
    '2026-12-01-70-integration-communal-erp-simulator': erpTables,
    '2026-12-02-41-communal-erp-field-names': fieldNames,
  },
  routes: (platform) => [
    {
      method: 'POST',
      path: webhookPath,
      access: 'machine',
      object: none,
      async handler(c) {
        const body = await c.req.text();
        const secret = (await settingsOf(platform.db))?.webhook_secret ?? '';
        const verified = verifyWebhook(
          secret,
          {
            id: c.req.header('webhook-id'),
            timestamp: c.req.header('webhook-timestamp'),
            signature: c.req.header('webhook-signature'),
          },
          body,
        );
        if (!verified) return c.json({ error: 'bad signature' }, 401);
        // Answered only once the requester has their tag: a failure is retried by Guichet.
        await handleEvent(platform.db, JSON.parse(body));
        return c.body(null, 204);
      },
    },
    {
      method: 'GET',
      path: '/simulators/communal-erp/dogs',
      access: 'anonymous',
      object: none,
      async handler(c) {
        return c.json({
          dogs: (await dogs(platform.db)).map((d) => ({
            tag: d.tag,
            name: d.dog_name,
            request: d.reference,
          })),
        });
      },
    },
  ],
};

export { connectCommunalErp, followForm, isProvisioned, provisionCommunalErp } from './erp.ts';
