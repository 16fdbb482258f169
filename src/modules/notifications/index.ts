import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import * as createPush from './migrations/2026-11-24-08-notifications-push.ts';
import { notificationRoutes } from './routes.tsx';

export { hasPushSubscription, listPushSubscriptions, sendPush } from './push-subscriptions.ts';

/**
 * Telling people that something awaits them, never what. So far: the push subscriptions of their
 * devices. The outbox, e-mail and SMS templates and delivery tracking come with issue #8.
 */
export const notificationsModule: GuichetModule = {
  name: 'notifications',
  migrations: { '2026-11-24-08-notifications-push': createPush },
  assetsDir: path.join(import.meta.dirname, 'assets'),
  routes: notificationRoutes,
};
