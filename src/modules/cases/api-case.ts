import type { Db } from '../../platform/database/database.ts';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { getAuthorityById } from '../authorities/index.ts';
import type { RequestAction } from '../policy/index.ts';
import type { Case } from './cases.ts';
import { getCaseOfAuthority } from './get-case.ts';
import { canOnCase } from './request-resource.ts';

/** The application's name in timelines and access logs: its authority's, marked as the API. */
export async function apiActorName(db: Db, actor: ApiClientActor): Promise<string> {
  const authority = await getAuthorityById(db, actor.authorityId);
  return `${authority ? pick(authority.names, 'fr', authority.languages) : ''} (API)`;
}

/**
 * One of the application's authority's requests, if the policy lets it do `action` on it; another
 * authority's request is answered as absent (404), never as forbidden, so that it cannot be counted.
 */
export async function apiCase(
  db: Db,
  actor: ApiClientActor,
  id: string,
  action: RequestAction,
): Promise<Case> {
  const item = await getCaseOfAuthority(db, actor.authorityId, id);
  if (!item || !(await canOnCase(db, actor, action, item)).allowed) throw notFound();
  return item;
}
