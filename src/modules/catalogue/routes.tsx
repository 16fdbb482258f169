import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { designerRoutes } from './designer-routes.tsx';
import { portalRoutes } from './portal-routes.tsx';
import { warmSearchIndex } from './search-freshness.ts';
import { servicePageRoutes } from './service-page-routes.tsx';
import { synonymRoutes } from './synonym-routes.tsx';

/** The public portals (canton and communes), the service pages and search, and the designers' pages. */
export function catalogueRoutes(platform: Platform): RouteDef[] {
  warmSearchIndex(platform.db, platform.logger);
  // The synonyms come before the designers' `/:slug` routes, which would otherwise take their path.
  return [
    ...portalRoutes(platform),
    ...servicePageRoutes(platform),
    ...synonymRoutes(platform),
    ...designerRoutes(platform),
  ];
}
