import type { GuichetModule } from '../../platform/module.ts';
import { messagingApiRoutes } from './api-routes.ts';
import * as createMessaging from './migrations/2026-11-24-17-messaging-create.ts';
import * as threadMandate from './migrations/2026-11-24-20-messaging-thread-mandate.ts';
import * as changeLog from './migrations/2026-12-07-41-messaging-change-log.ts';
import { messagingMySpace } from './my-space.tsx';
import { messagingRoutes } from './routes.tsx';

/** Secure messages: threads between an account and an authority, a shared mailbox per authority. */
export const messagingModule: GuichetModule = {
  name: 'messaging',
  migrations: {
    '2026-11-24-17-messaging-create': createMessaging,
    '2026-11-24-20-messaging-thread-mandate': threadMandate,
    '2026-12-07-41-messaging-change-log': changeLog,
  },
  routes: (platform) => [...messagingRoutes(platform), ...messagingApiRoutes(platform)],
  mySpace: messagingMySpace,
};
