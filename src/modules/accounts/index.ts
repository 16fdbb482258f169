import type { GuichetModule } from '../../platform/module.ts';
import * as createAccounts from './migrations/2026-11-24-03-accounts-create.ts';
import * as createAccessLog from './migrations/2026-11-24-13-accounts-access-log.ts';
import { accountRoutes } from './routes.tsx';

export { type AccessEntry, listAccess, recordAccess } from './access-log.ts';
export {
  type AccountAccess,
  accountAccess,
  accountHeldBy,
  ensurePersonalAccount,
  getAccount,
  listAccountsOf,
  membersOf,
} from './accounts.ts';
export {
  type NotificationChoices,
  type NotificationEvent,
  notificationChoices,
  notificationEvents,
  setNotificationChoices,
} from './notification-preferences.ts';
export type { AccessVia, NotificationChannel } from './tables.ts';

/** Personal and professional accounts, their members, and switching between them. */
export const accountsModule: GuichetModule = {
  name: 'accounts',
  migrations: {
    '2026-11-24-03-accounts-create': createAccounts,
    '2026-11-24-13-accounts-access-log': createAccessLog,
  },
  routes: accountRoutes,
};
