import type { GuichetModule } from '../../platform/module.ts';
import * as registerTables from './migrations/2026-12-02-31-narcotics-register-simulator.ts';
import { handleEvent, webhookPath } from './register.ts';
import { settingsOf, statementsOf } from './store.ts';
import { verifyWebhook } from './verify-webhook.ts';

const none = { none: 'a simulator of the canton’s narcotics register (demo and tests)' };

/**
 * A stand-in for the cantonal narcotics statements database of the Service de la santé publique. It
 * knows nothing of Guichet's modules or tables: connected through the API
 * (`connectNarcoticsRegister`), it hands in the months it received before the portal, hears of each
 * statement filed in the portal as a Standard Webhook (signature checked itself) and reads it through
 * the API.
 */
export const narcoticsRegisterSimulator: GuichetModule = {
  name: 'narcotics-register-simulator',
  migrations: { '2026-12-02-31-narcotics-register-simulator': registerTables },
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
        // Answered once the statement is kept: a failure is retried by Guichet.
        await handleEvent(platform.db, JSON.parse(body));
        return c.body(null, 204);
      },
    },
    {
      method: 'GET',
      path: '/simulators/narcotics-register/statements',
      access: 'anonymous',
      object: none,
      async handler(c) {
        return c.json({
          statements: (await statementsOf(platform.db)).map((s) => ({
            pharmacy: { uid: s.pharmacy_uid, name: s.name },
            month: s.month,
            receivedFrom: s.received_from,
            signedOffBy: s.signed_off_by,
            lines: s.lines.length,
          })),
        });
      },
    },
  ],
};

export { connectNarcoticsRegister, isProvisioned, provisionNarcoticsRegister } from './register.ts';
export { lateUid, registerMonths } from './register-data.ts';
