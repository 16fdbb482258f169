import type { Db } from '../../platform/database/database.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import type { RouteContext } from '../../platform/http/route.ts';
import { ensurePersonalAccount } from '../accounts/index.ts';
import { findLink, getPerson, personName, touchLink } from './persons.ts';
import { currentAccountId, establishLogin, sessionAuth } from './session-login.ts';

/**
 * Logs a person in with one of their means (`provider` + `subject`, as linked): their own account
 * becomes the current one (unless they were logged in already and using another) and the session gets
 * a new id. Every way of logging in ends here.
 */
export async function logIn(
  c: RouteContext,
  db: Db,
  means: { provider: string; subject: string; level: AssuranceLevel; idToken?: string; sid?: string },
): Promise<void> {
  const link = await findLink(db, means.provider, means.subject);
  const person = link && (await getPerson(db, link.person_id));
  if (!link || !person || person.disabled_at) throw new HttpError(401, 'unauthenticated');
  await touchLink(db, link.id);
  const personal = await ensurePersonalAccount(db, person.id, personName(person));
  // The same person logging in again (a step-up) goes on in the account they were using — a draft
  // begun there is found on their return; whether they may still use it is checked at every request.
  const sameAsBefore = sessionAuth(c.var.session)?.personId === person.id;
  const accountId = (sameAsBefore && currentAccountId(c.var.session)) || personal;
  establishLogin(
    c.var.session,
    {
      personId: person.id,
      level: means.level,
      provider: means.provider,
      linkId: link.id,
      idToken: means.idToken,
      sid: means.sid,
    },
    accountId,
    c.req.header('User-Agent'),
  );
}
