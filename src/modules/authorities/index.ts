export type { Authority, AuthorityContact, Palette } from './authority.ts';
export { portalPath } from './authority.ts';
export { brandingOf, cantonBranding } from './branding.ts';
export { formatPhone } from './contact.ts';
export { type NewAuthority, upsertAuthority } from './create-authority.ts';
export { demoAuthorities } from './demo-authorities.ts';
export {
  countAuthorities,
  forgetAuthorities,
  getAuthorityById,
  getAuthorityBySlug,
  getCanton,
  listAuthorities,
} from './queries.ts';
export { grantStaffRole, staffRolesOf, staffRolesOfSql, staffWithRole } from './staff.ts';
export { ContactDetails, contactPath } from './views/contact-details.tsx';
