import type { GuichetModule } from '../../platform/module.ts';
import * as createAccounts from './migrations/2026-11-24-03-accounts-create.ts';
import { accountRoutes } from './routes.tsx';

export {
  type AccountAccess,
  accountAccess,
  accountHeldBy,
  ensurePersonalAccount,
  getAccount,
  listAccountsOf,
} from './accounts.ts';
export {
  type NotificationChoices,
  type NotificationEvent,
  notificationChoices,
} from './notification-preferences.ts';

/** Personal and professional accounts, their members, and switching between them. */
export const accountsModule: GuichetModule = {
  name: 'accounts',
  migrations: { '2026-11-24-03-accounts-create': createAccounts },
  routes: accountRoutes,
};
