import { configuredMasterKeys } from '../../platform/crypto/master-keys.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { documentApiRoutes } from './api-routes.ts';
import { citizenDocumentRoutes } from './citizen-routes.tsx';
import { publicationRoutes } from './publication-routes.tsx';

/** The documents of an account, publication by authorities' staff and their API, paper fallbacks. */
export function documentRoutes(platform: Platform): RouteDef[] {
  configuredMasterKeys(platform.config); // refuse to start without keys, not at the first upload
  return [...citizenDocumentRoutes(platform), ...publicationRoutes(platform), ...documentApiRoutes(platform)];
}
