import type { Db } from '../../platform/database/database.ts';
import type { PersonActor, StaffRole } from '../../platform/http/access.ts';
import { accountAccess } from '../accounts/index.ts';
import { principalsOf } from '../mandates/index.ts';
import type { DraftResource, SubmissionResource, ThreadResource, TicketResource } from './actions.ts';
import type { Decision } from './can.ts';

const denied: Decision = { allowed: false };
/** The staff roles that handle an authority's correspondence, as they handle its requests. */
const correspondenceRoles: StaffRole[] = ['agent', 'authorityAdmin'];

/**
 * The person's standing in an account: its holder or a member, or an agent under a mandate in force
 * (and, when named, acting under that very mandate). What they see is always in the account in use.
 */
async function standingIn(
  db: Db,
  actor: PersonActor,
  accountId: string,
  onlyMandate: string | null | undefined,
  now: Date,
): Promise<Decision> {
  if (accountId !== actor.account.id) return denied;
  const membership = await accountAccess(db, actor.id, accountId);
  if (membership) return { allowed: true, via: membership.kind === 'personal' ? 'holder' : 'member' };
  if (onlyMandate === null) return denied;
  // Under a named mandate, only while acting under it, not under another one held for the same account.
  if (onlyMandate !== undefined && actor.mandate?.id !== onlyMandate) return denied;
  const held = (await principalsOf(db, actor.id, now)).find(
    (p) => p.accountId === accountId && (onlyMandate === undefined || p.mandate.id === onlyMandate),
  );
  return held ? { allowed: true, via: 'mandate', mandateId: held.mandate.id } : denied;
}

export async function decideThread(
  db: Db,
  actor: PersonActor,
  action: string,
  thread: ThreadResource,
  now: Date,
): Promise<Decision> {
  if (action === 'thread.read' || action === 'thread.write')
    // A representative sees the threads started under their own mandate, none of the holder's others.
    return standingIn(db, actor, thread.accountId, thread.mandateId, now);
  if (action !== 'thread.handle' && action !== 'thread.assign') return denied;
  const staff = actor.staffRoles.some(
    (r) => r.authorityId === thread.authorityId && correspondenceRoles.includes(r.role),
  );
  return staff ? { allowed: true, via: 'staff' } : denied;
}

export async function decideDraft(
  actor: PersonActor,
  action: string,
  draft: DraftResource,
  submitFor: (accountId: string, theme: DraftResource['theme']) => Promise<Decision>,
): Promise<Decision> {
  if (action !== 'draft.fillIn' || draft.personId !== actor.id || draft.accountId !== actor.account.id)
    return denied;
  // The right to submit is asked again at every step: a mandate may have ended since the draft began.
  return submitFor(draft.accountId, draft.theme);
}

export async function decideSubmission(
  db: Db,
  actor: PersonActor,
  action: string,
  submission: SubmissionResource,
  now: Date,
): Promise<Decision> {
  if (action !== 'submission.view' || submission.personId !== actor.id) return denied;
  return standingIn(db, actor, submission.accountId, undefined, now);
}

/** Whether the person may use (switch to) the account: as one of its people, or under a mandate in force. */
export async function decideAccountUse(
  db: Db,
  actor: PersonActor,
  accountId: string,
  now: Date,
): Promise<Decision> {
  const membership = await accountAccess(db, actor.id, accountId);
  if (membership) return { allowed: true, via: membership.kind === 'personal' ? 'holder' : 'member' };
  const held = (await principalsOf(db, actor.id, now)).find((p) => p.accountId === accountId);
  return held ? { allowed: true, via: 'mandate', mandateId: held.mandate.id } : denied;
}

/**
 * A support ticket: followed by the person who opened it; handled by the agents and administrators of
 * the authority it is with, and of the support desk, which follows what it handed over.
 */
export function decideTicket(actor: PersonActor, action: string, ticket: TicketResource): Decision {
  if (action === 'ticket.follow')
    return ticket.requesterPersonId === actor.id ? { allowed: true, via: 'holder' } : denied;
  if (action !== 'ticket.handle') return denied;
  const handles = actor.staffRoles.some(
    (r) =>
      (r.authorityId === ticket.handlerAuthorityId || r.authorityId === ticket.deskAuthorityId) &&
      correspondenceRoles.includes(r.role),
  );
  return handles ? { allowed: true, via: 'staff' } : denied;
}
