import type { Db } from '../../platform/database/database.ts';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import { type Action, can } from '../policy/index.ts';

/** Refuses unless the policy lets this application do `action` in its own authority. */
export async function allowInOwnAuthority(db: Db, actor: ApiClientActor, action: Action): Promise<void> {
  const decision = await can(db, actor, action, { type: 'authority', authorityId: actor.authorityId });
  if (!decision.allowed) throw new HttpError(403, 'forbidden');
}
