import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import * as createPush from './migrations/2026-11-24-08-notifications-push.ts';
import * as createOutbox from './migrations/2026-11-24-14-notifications-outbox.ts';
import * as reference from './migrations/2026-11-30-23-notifications-reference.ts';
import * as receiptReplay from './migrations/2026-11-30-52-notifications-receipt-replay.ts';
import * as changeLog from './migrations/2026-12-07-41-notifications-change-log.ts';
import { notificationsMySpace } from './my-space.tsx';
import { deliver } from './outbox.ts';
import { notificationRoutes } from './routes.tsx';

/**
 * Telling people that something awaits them, never what: a transactional outbox of notifications,
 * delivered by e-mail, SMS and web push per each account's choices, with templates per authority.
 */
export const notificationsModule: GuichetModule = {
  name: 'notifications',
  migrations: {
    '2026-11-24-08-notifications-push': createPush,
    '2026-11-24-14-notifications-outbox': createOutbox,
    '2026-11-30-23-notifications-reference': reference,
    '2026-11-30-52-notifications-receipt-replay': receiptReplay,
    '2026-12-07-41-notifications-change-log': changeLog,
  },
  assetsDir: path.join(import.meta.dirname, 'assets'),
  routes: notificationRoutes,
  jobs: (platform) => ({
    'notifications:deliver': ({ deliveryId }, helpers) =>
      deliver(platform, deliveryId, { number: helpers.job.attempts, max: helpers.job.max_attempts }),
  }),
  mySpace: notificationsMySpace,
};
