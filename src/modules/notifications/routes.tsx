import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HttpError } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { notificationMessages } from './messages.ts';
import {
  isBrowserSubscription,
  listPushSubscriptions,
  removePushSubscription,
  savePushSubscription,
  vapidKeys,
} from './push-subscriptions.ts';
import { DevicesPage } from './views/devices-page.tsx';

// A service worker's scope is the folder it is served from: it must come from the root, unhashed.
const serviceWorker = readFileSync(path.join(import.meta.dirname, 'assets/service-worker.js'));

/** Push subscriptions of a person's devices; sending comes with the notifications themselves. */
export function notificationRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const personId = (c: RouteContext) => loggedInPerson(c).id;
  return [
    {
      method: 'GET',
      path: '/service-worker.js',
      access: 'anonymous',
      handler: (c) =>
        c.body(new Uint8Array(serviceWorker), 200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-cache',
        }),
    },
    {
      method: 'GET',
      path: '/notifications/devices',
      access: 'person',
      async handler(c) {
        const t = notificationMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('devicesTitle'), scripts: ['notifications/push.js'] },
          <DevicesPage
            locale={c.var.locale}
            devices={await listPushSubscriptions(db, personId(c))}
            publicKey={(await vapidKeys(db)).publicKey}
            subscribed={c.req.query('subscribed') === '1'}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/notifications/devices',
      access: 'person',
      async handler(c) {
        const subscription = (await c.req.json()) as unknown;
        if (!isBrowserSubscription(subscription)) throw new HttpError(422, 'invalid_subscription');
        await savePushSubscription(db, personId(c), subscription, c.req.header('User-Agent'));
        return c.json({ ok: true }, 201);
      },
    },
    {
      method: 'POST',
      path: '/notifications/devices/:id/remove',
      access: 'person',
      async handler(c) {
        await removePushSubscription(db, personId(c), c.req.param('id') ?? '');
        return c.redirect('/notifications/devices', 303);
      },
    },
  ];
}
