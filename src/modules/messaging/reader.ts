import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { can } from '../policy/index.ts';
import type { Reader, Thread } from './threads.ts';

/** A thread as the policy sees it. */
export const threadResource = (thread: Thread) =>
  ({
    type: 'thread',
    accountId: thread.account_id,
    authorityId: thread.authority_id,
    mandateId: thread.mandate_id,
  }) as const;

/**
 * Which of the account's threads the person reads in the account in use, as the policy decides: all of
 * them (its people), those started under their mandate (a representative), or none.
 */
export async function readerOf(db: Db, actor: PersonActor): Promise<Reader | undefined> {
  const accountId = actor.account.id;
  const everyThread = { type: 'thread', accountId, authorityId: '', mandateId: null } as const;
  if ((await can(db, actor, 'thread.read', everyThread)).allowed) return { accountId };
  if (!actor.mandate) return undefined;
  const ofMandate = { ...everyThread, mandateId: actor.mandate.id };
  return (await can(db, actor, 'thread.read', ofMandate)).allowed
    ? { accountId, mandateId: actor.mandate.id }
    : undefined;
}
