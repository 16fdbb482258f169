import type { GuichetModule } from '../../platform/module.ts';
import * as createAccounts from './migrations/2026-11-24-03-accounts-create.ts';
import * as createAccessLog from './migrations/2026-11-24-13-accounts-access-log.ts';
import { accountRoutes } from './routes.tsx';

/** Personal and professional accounts, their members, and switching between them. */
export const accountsModule: GuichetModule = {
  name: 'accounts',
  migrations: {
    '2026-11-24-03-accounts-create': createAccounts,
    '2026-11-24-13-accounts-access-log': createAccessLog,
  },
  routes: accountRoutes,
};
