import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { webhookMaxBytes } from './datatrans.ts';
import type { ProviderSource } from './providers.ts';
import { receiveNotification } from './receive-notification.ts';

export const paymentWebhookPath = '/payments/webhooks/datatrans';
/** Saferpay calls it (GET, no data) when a payment page ends; the payment's id is in the path. */
export const saferpayNotifyPath = '/payments/notify/saferpay';

/** Where each provider tells Guichet that a transaction changed, server to server. */
export function notificationRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const source: ProviderSource = {
    db,
    config: platform.config,
    keys: () => masterKeysFor(platform.config, db),
  };
  return [
    {
      method: 'POST',
      path: paymentWebhookPath,
      access: 'machine',
      rateLimit: { bucket: 'payment-webhook', limit: 600, windowSeconds: 60 },
      maxBodyBytes: webhookMaxBytes,
      async handler(c) {
        const outcome = await receiveNotification(
          db,
          source,
          {
            provider: 'datatrans',
            rawBody: await c.req.text(),
            signature: c.req.header('Datatrans-Signature'),
          },
          platform.now(),
        );
        // Unsigned or badly signed; signed, but long ago (or far ahead): someone replays what they captured.
        if (outcome === 'invalid') return c.json({ error: 'signature' }, 401);
        if (outcome === 'stale') return c.json({ error: 'stale' }, 401);
        if (outcome === 'replay') return c.json({ error: 'replay' }, 409);
        return c.json(outcome === 'ignored' ? { ignored: true } : { received: true });
      },
    },
    {
      method: 'GET',
      path: `${saferpayNotifyPath}/:id`,
      access: 'machine',
      object: { none: 'the provider tells of a payment; nothing is believed before it is asserted there' },
      rateLimit: { bucket: 'payment-webhook', limit: 600, windowSeconds: 60 },
      async handler(c) {
        await receiveNotification(
          db,
          source,
          { provider: 'saferpay', paymentId: c.req.param('id') ?? '' },
          platform.now(),
        );
        // Saferpay only wants a 200: anything else and it calls twice more.
        return c.text('OK');
      },
    },
  ];
}
