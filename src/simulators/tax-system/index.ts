import type { GuichetModule } from '../../platform/module.ts';
import { taxSystemApi } from './api.ts';
import * as tables from './migrations/2026-12-02-11-tax-system-simulator.ts';
import * as documentNumbers from './migrations/2026-12-03-01-tax-system-document-numbers.ts';
import * as instalments from './migrations/2026-12-04-50-tax-system-instalments.ts';
import { publishFoundDocuments, receiveOlderDocumentsRequest, webhookPath } from './older-documents.ts';
import { settingsOf } from './store.ts';
import { verifyWebhook } from './verify-webhook.ts';

/**
 * A stand-in for the cantonal tax system. It knows nothing of Guichet's modules or tables: it serves
 * its own API, which Guichet's tax services read live (`TAX_SYSTEM_URL`), and handles requests for
 * older documents heard by Standard Webhook, publishing the documents later through Guichet's API.
 */
export const taxSystemSimulator: GuichetModule = {
  name: 'tax-system-simulator',
  migrations: {
    '2026-12-02-11-tax-system-simulator': tables,
    '2026-12-03-01-tax-system-document-numbers': documentNumbers,
    '2026-12-04-50-tax-system-instalments': instalments,
  },
  routes: (platform) => [
    ...taxSystemApi(platform),
    {
      method: 'POST',
      path: webhookPath,
      access: 'machine',
      object: { none: 'a simulator of the tax system receiving Guichet’s signed webhooks' },
      async handler(c) {
        const body = await c.req.text();
        const secret = (await settingsOf(platform.db))?.webhook_secret ?? '';
        const headers = {
          id: c.req.header('webhook-id'),
          timestamp: c.req.header('webhook-timestamp'),
          signature: c.req.header('webhook-signature'),
        };
        if (!verifyWebhook(secret, headers, body)) return c.json({ error: 'bad signature' }, 401);
        // Searches left over (a restart meanwhile) go out first.
        await publishFoundDocuments(platform.db);
        await receiveOlderDocumentsRequest(platform.db, JSON.parse(body));
        return c.body(null, 204);
      },
    },
  ],
};

export {
  connectTaxSystem,
  isTaxSystemProvisioned,
  provisionTaxSystem,
  publishFoundDocuments,
} from './older-documents.ts';
