import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import * as createAuthorities from './migrations/2026-11-24-01-authorities-create.ts';
import * as createStaff from './migrations/2026-11-24-04-authorities-staff.ts';
import * as addContact from './migrations/2026-11-30-90-authorities-contact.ts';
import * as changeLog from './migrations/2026-12-07-41-authorities-change-log.ts';
import { authorityRoutes } from './routes.tsx';

/** The canton, its services and its communes: who they are, how their portals look. */
export const authoritiesModule: GuichetModule = {
  name: 'authorities',
  migrations: {
    '2026-11-24-01-authorities-create': createAuthorities,
    '2026-11-24-04-authorities-staff': createStaff,
    '2026-11-30-90-authorities-contact': addContact,
    '2026-12-07-41-authorities-change-log': changeLog,
  },
  assetsDir: path.join(import.meta.dirname, 'assets'),
  routes: authorityRoutes,
};
