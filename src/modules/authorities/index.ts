import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import * as createAuthorities from './migrations/2026-11-24-01-authorities-create.ts';
import * as createStaff from './migrations/2026-11-24-04-authorities-staff.ts';
import * as addContact from './migrations/2026-11-30-90-authorities-contact.ts';
import { authorityRoutes } from './routes.tsx';

export type { Authority, AuthorityContact, Palette } from './authority.ts';
export { portalPath } from './authority.ts';
export { brandingOf } from './branding.ts';
export { formatPhone } from './contact.ts';
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
export { grantStaffRole, staffRolesOf } from './staff.ts';
export { ContactDetails, contactPath } from './views/contact-details.tsx';

/** The canton, its services and its communes: who they are, how their portals look. */
export const authoritiesModule: GuichetModule = {
  name: 'authorities',
  migrations: {
    '2026-11-24-01-authorities-create': createAuthorities,
    '2026-11-24-04-authorities-staff': createStaff,
    '2026-11-30-90-authorities-contact': addContact,
  },
  assetsDir: path.join(import.meta.dirname, 'assets'),
  routes: authorityRoutes,
};
