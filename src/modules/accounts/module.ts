import type { GuichetModule } from '../../platform/module.ts';
import { purgeAccessLog } from './access-log.ts';
import * as createAccounts from './migrations/2026-11-24-03-accounts-create.ts';
import * as createAccessLog from './migrations/2026-11-24-13-accounts-access-log.ts';
import * as accessLogBasis from './migrations/2026-12-02-52-accounts-access-log-basis.ts';
import * as nameSearch from './migrations/2026-12-07-11-accounts-name-search.ts';
import * as changeLog from './migrations/2026-12-07-41-accounts-change-log.ts';
import { accountRoutes } from './routes.tsx';

/** Personal and professional accounts, their members, and switching between them. */
export const accountsModule: GuichetModule = {
  name: 'accounts',
  migrations: {
    '2026-11-24-03-accounts-create': createAccounts,
    '2026-11-24-13-accounts-access-log': createAccessLog,
    '2026-12-02-52-accounts-access-log-basis': accessLogBasis,
    '2026-12-07-11-accounts-name-search': nameSearch,
    '2026-12-07-41-accounts-change-log': changeLog,
  },
  routes: accountRoutes,
  jobs: (platform) => ({
    'accounts:purge-access-log': async () => {
      await purgeAccessLog(platform.db, platform.now());
    },
  }),
};
