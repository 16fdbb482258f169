import type { GuichetModule } from '../../platform/module.ts';
import * as tables from './migrations/2026-12-02-10-debt-register-simulator.ts';
import { handleDebtEvent, webhookPath } from './register-app.ts';
import { extracts, settingsOf } from './store.ts';
import { verifyWebhook } from './verify-webhook.ts';

const none = { none: 'a simulator of the debt-collection office’s register (demo and tests)' };

/**
 * A stand-in for the Office des poursuites' register application. It knows nothing of Guichet's
 * modules or tables: subscribed through the API (`connectDebtRegister`), it hears a request's fee is
 * paid as a Standard Webhook, looks the requester up through the API and answers with the extract
 * (issued by Guichet's issuing API) or sends the request to an agent when a homonym makes it unsure.
 */
export const debtRegisterSimulator: GuichetModule = {
  name: 'debt-register-simulator',
  migrations: { '2026-12-02-10-debt-register-simulator': tables },
  routes: (platform) => [
    {
      method: 'POST',
      path: webhookPath,
      access: 'machine',
      object: none,
      async handler(c) {
        const body = await c.req.text();
        const secret = (await settingsOf(platform.db))?.webhook_secret ?? '';
        const headers = {
          id: c.req.header('webhook-id'),
          timestamp: c.req.header('webhook-timestamp'),
          signature: c.req.header('webhook-signature'),
        };
        if (!verifyWebhook(secret, headers, body)) return c.json({ error: 'bad signature' }, 401);
        // Answered only once the extract is issued (or sent to an agent): a failure is retried by Guichet.
        await handleDebtEvent(platform.db, JSON.parse(body));
        return c.body(null, 204);
      },
    },
    {
      method: 'GET',
      path: '/simulators/debt-register/extracts',
      access: 'anonymous',
      object: none,
      async handler(c) {
        return c.json({
          extracts: (await extracts(platform.db)).map((e) => ({
            request: e.reference,
            outcome: e.outcome,
            serial: e.serial,
          })),
        });
      },
    },
  ],
};

export {
  connectDebtRegister,
  isDebtRegisterProvisioned,
  provisionDebtRegister,
} from './register-app.ts';
