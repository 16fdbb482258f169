import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { Session } from '../../platform/http/session.ts';
import { listAccountsOf } from '../accounts/index.ts';
import { staffRolesOf } from '../authorities/index.ts';
import { currentAccountId, getPerson, personName, sessionAuth } from '../identity/index.ts';
import { representedAccount } from './acting-for.ts';

/**
 * Who is acting, rebuilt from the database on every request so that a removed membership or role
 * takes effect at once. A session whose person is gone or disabled is treated as logged out.
 */
export async function resolveActor(db: Db, session: Session): Promise<PersonActor | null> {
  const auth = sessionAuth(session);
  if (!auth) return null;
  const [person, accounts, staffRoles] = await Promise.all([
    getPerson(db, auth.personId),
    listAccountsOf(db, auth.personId),
    staffRolesOf(db, auth.personId),
  ]);
  if (!person || person.disabled_at) return null; // a disabled person's sessions end with it
  const wanted = currentAccountId(session);
  const own = accounts.find((a) => a.id === wanted);
  // Acting for someone else holds only while a mandate in force allows it: checked on every request.
  const represented = !own && wanted ? await representedAccount(db, auth.personId, wanted) : undefined;
  const member =
    own ?? (represented ? undefined : (accounts.find((a) => a.kind === 'personal') ?? accounts[0]));
  const account = member ?? represented?.account;
  if (!account) return null;
  return {
    kind: 'person',
    id: person.id,
    displayName: personName(person),
    language: person.preferred_language,
    level: auth.level,
    account: { id: account.id, name: account.name, kind: account.kind, role: member?.role },
    mandate: represented ? { id: represented.mandate.id, themes: represented.mandate.themes } : undefined,
    staffRoles,
    platformAdmin: person.platform_admin,
  };
}
