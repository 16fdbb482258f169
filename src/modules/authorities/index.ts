import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import * as createAuthorities from './migrations/2026-11-24-01-authorities-create.ts';
import { authorityRoutes } from './routes.tsx';

export type { Authority, Palette } from './authority.ts';
export { portalPath } from './authority.ts';
export { type NewAuthority, upsertAuthority } from './create-authority.ts';
export { demoAuthorities } from './demo-authorities.ts';
export {
  countAuthorities,
  getAuthorityById,
  getAuthorityBySlug,
  getCanton,
  listAuthorities,
} from './queries.ts';
export { cantonBranding } from './routes.tsx';

/** The canton, its services and its communes: who they are, how their portals look. */
export const authoritiesModule: GuichetModule = {
  name: 'authorities',
  migrations: { '2026-11-24-01-authorities-create': createAuthorities },
  assetsDir: path.join(import.meta.dirname, 'assets'),
  routes: authorityRoutes,
};
