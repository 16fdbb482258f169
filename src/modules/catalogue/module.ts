import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import * as createCatalogue from './migrations/2026-11-24-11-catalogue-create.ts';
import * as searchChanges from './migrations/2026-12-03-11-catalogue-search-changes.ts';
import * as changeLog from './migrations/2026-12-07-41-catalogue-change-log.ts';
import { catalogueRoutes } from './routes.tsx';

/** The service catalogue: the canton's and communes' portals, service pages, search, and its designers. */
export const catalogueModule: GuichetModule = {
  name: 'catalogue',
  migrations: {
    '2026-11-24-11-catalogue-create': createCatalogue,
    '2026-12-03-11-catalogue-search-changes': searchChanges,
    '2026-12-07-41-catalogue-change-log': changeLog,
  },
  assetsDir: path.join(import.meta.dirname, 'assets'),
  routes: catalogueRoutes,
};
