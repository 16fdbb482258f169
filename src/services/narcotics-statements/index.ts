import type { GuichetModule } from '../../platform/module.ts';
import { narcoticsApiRoutes } from './api-routes.ts';
import { backOfficeRoutes, controlsTool } from './back-office-routes.tsx';
import * as statementTables from './migrations/2026-12-02-30-narcotics-statements.ts';
import * as changeLog from './migrations/2026-12-07-41-narcotics-change-log.ts';
import { narcoticsMySpace } from './my-space.tsx';
import { pharmacyRoutes } from './pharmacy-routes.tsx';
import { remindMissing } from './reminders.ts';
import { narcoticsAuthority } from './service-authority.ts';

/**
 * Pharmacies' monthly narcotics statements (substitution treatments) to the authority that publishes
 * the catalogue entry `etat-mensuel-stupefiants` — the Service de la santé publique in the demo: entry
 * and spreadsheet import by the pharmacy or its mandated pharmacists, sign-off by the responsible
 * pharmacist, the cantonal pharmacist's controls, and the API its register reads them through.
 */
export const narcoticsStatementsService: GuichetModule = {
  name: 'narcotics-statements',
  migrations: {
    '2026-12-02-30-narcotics-statements': statementTables,
    '2026-12-07-41-narcotics-change-log': changeLog,
  },
  routes: (platform) => [
    ...pharmacyRoutes(platform),
    ...backOfficeRoutes(platform),
    ...narcoticsApiRoutes(platform),
  ],
  mySpace: narcoticsMySpace,
  backOfficeTools: (platform) => [controlsTool(platform)],
  jobs: (platform) => ({
    'narcotics:remind-missing': async () => {
      const authorityId = await narcoticsAuthority(platform.db);
      if (authorityId) await remindMissing(platform.db, authorityId, platform.now());
    },
  }),
};

export { nameResponsible } from './pharmacies.ts';
