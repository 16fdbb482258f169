import type { Db } from '../../platform/database/database.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext } from '../../platform/http/route.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { bookingMessages } from './messages.ts';
import { getResource } from './resources.ts';
import { staffBase } from './views/staff-pages.tsx';

export type StaffBookingAction = 'authority.handleBookings' | 'authority.manageBookingResources';

/**
 * The authority in the path, when the policy lets the staff member do `action` on its bookings; any
 * other answer is a 404, so that a stranger learns nothing of which authorities lend what.
 */
export async function staffAuthorityFor(db: Db, c: RouteContext, action: StaffBookingAction) {
  const actor = loggedInPerson(c);
  const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
  const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
  if (!authority || !(await can(db, actor, action, resource)).allowed) throw notFound();
  return { actor, authority, t: bookingMessages.translator(c.var.locale), base: staffBase(authority.slug) };
}

/** The resource in the path, only when it is the authority's own (else 404), and its page's path. */
export async function staffResourceFor(
  db: Db,
  c: RouteContext,
  action: StaffBookingAction = 'authority.handleBookings',
) {
  const found = await staffAuthorityFor(db, c, action);
  const resource = await getResource(db, c.req.param('id') ?? '');
  if (resource?.authority_id !== found.authority.id) throw notFound();
  return { ...found, resource, path: `${found.base}/resources/${resource.id}` };
}

export type StaffResource = Awaited<ReturnType<typeof staffResourceFor>>;
