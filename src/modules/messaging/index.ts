import type { GuichetModule } from '../../platform/module.ts';
import * as createMessaging from './migrations/2026-11-24-17-messaging-create.ts';
import { messagingMySpace } from './my-space.tsx';
import { messagingRoutes } from './routes.tsx';

export { countUnread, getThread, listThreads, postMessage, startThread } from './threads.ts';

/** Secure messages: threads between an account and an authority, a shared mailbox per authority. */
export const messagingModule: GuichetModule = {
  name: 'messaging',
  migrations: { '2026-11-24-17-messaging-create': createMessaging },
  routes: messagingRoutes,
  mySpace: messagingMySpace,
};
