import type { Db } from '../../platform/database/database.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext } from '../../platform/http/route.ts';
import { type Authority, getAuthorityById } from '../authorities/index.ts';
import { authoritiesWhere, can } from '../policy/index.ts';
import { getService, type Service } from './services.ts';

/** The authorities whose catalogue the actor may design, as the policy says. */
export async function designedBy(db: Db, c: RouteContext): Promise<Authority[]> {
  const ids = await authoritiesWhere(db, c.var.actor, 'authority.designServices');
  const authorities = await Promise.all(ids.map((id) => getAuthorityById(db, id)));
  return authorities.filter((a): a is Authority => a !== undefined);
}

/** A service the actor designs; any other is answered as absent. */
export async function designedService(db: Db, c: RouteContext): Promise<Service> {
  const service = await getService(db, { slug: c.req.param('slug') ?? '' });
  const resource = service && { type: 'authority' as const, authorityId: service.authorityId };
  if (!resource || !(await can(db, c.var.actor, 'authority.designServices', resource)).allowed)
    throw notFound();
  return service;
}

export const actorRef = (c: RouteContext) => `person:${loggedInPerson(c).id}`;
