import type { Db } from '../../platform/database/database.ts';
import type { StaffRole } from '../../platform/http/access.ts';
import { notFound } from '../../platform/http/http-error.ts';
import type { RouteContext } from '../../platform/http/route.ts';
import { type Authority, getAuthorityBySlug } from '../authorities/index.ts';
import { can, type RequestAction } from '../policy/index.ts';
import type { Case } from './cases.ts';
import { getCaseOfAuthority } from './get-case.ts';
import { canOnCase } from './request-resource.ts';

/** Where an authority's requests are in the back office. */
export const staffBase = (authority: Authority) => `/back-office/authorities/${authority.slug}/requests`;

/** The authority in the path, for staff who may process its requests; else absent. */
export async function staffAuthority(db: Db, c: RouteContext): Promise<Authority> {
  const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
  if (!authority) throw notFound();
  const decision = await can(db, c.var.actor, 'authority.processRequests', {
    type: 'authority',
    authorityId: authority.id,
  });
  if (!decision.allowed) throw notFound();
  return authority;
}

/**
 * The authority in the path and its request `id`, if the policy lets the actor do `action` on it;
 * another authority's request, or one refused, is as absent as one that does not exist.
 */
export async function staffCase(
  db: Db,
  c: RouteContext,
  action: RequestAction = 'request.process',
  transitionRoles?: StaffRole[],
): Promise<{ authority: Authority; item: Case }> {
  const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
  const item = authority && (await getCaseOfAuthority(db, authority.id, c.req.param('id') ?? ''));
  if (!authority || !item || !(await canOnCase(db, c.var.actor, action, item, transitionRoles)).allowed)
    throw notFound();
  return { authority, item };
}
