import type { GuichetModule } from '../../platform/module.ts';
import { deskRoutes } from './desk-routes.tsx';
import { helpRoutes } from './help-routes.tsx';
import { mailReply } from './mail-reply.ts';
import * as createSupport from './migrations/2026-12-02-51-support-create.ts';

/**
 * Help and support: the questions people ask per service, the contact and feedback form opening a
 * ticket with its context, the canton's support desk and the handover to the authority owning the
 * service; answers in the portal for those logged in, by e-mail otherwise.
 */
export const supportModule: GuichetModule = {
  name: 'support',
  migrations: { '2026-12-02-51-support-create': createSupport },
  routes: (platform) => [...helpRoutes(platform), ...deskRoutes(platform)],
  jobs: (platform) => ({ 'support:mail-reply': ({ replyId }) => mailReply(platform, replyId) }),
};
