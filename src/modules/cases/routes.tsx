import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { apiRoutes } from './api-routes.ts';
import { backOfficeRoutes } from './back-office-routes.tsx';
import { citizenRoutes } from './citizen-routes.tsx';
import { inboxRoutes } from './inbox-routes.tsx';
import { requestPageRoutes } from './request-page-routes.tsx';
import { workflowDesignerRoutes } from './workflow-designer-routes.tsx';

/** Requests: the workflow designer, the API, the back office's inbox and request page, the citizen's follow-up. */
export function caseRoutes(platform: Platform): RouteDef[] {
  return [
    ...workflowDesignerRoutes(platform),
    ...apiRoutes(platform),
    ...backOfficeRoutes(platform),
    ...inboxRoutes(platform),
    ...requestPageRoutes(platform),
    ...citizenRoutes(platform),
  ];
}
