import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { Session } from '../../platform/http/session.ts';
import { listAccountsOf } from '../accounts/accounts.ts';
import { staffRolesOf } from '../authorities/index.ts';
import { getPerson, personName } from './persons.ts';
import { currentAccountId, sessionAuth } from './session-login.ts';

/**
 * Who is acting, rebuilt from the database on every request so that a removed membership or role
 * takes effect at once. A session whose person is gone is treated as logged out.
 */
export async function resolveActor(db: Db, session: Session): Promise<PersonActor | null> {
  const auth = sessionAuth(session);
  if (!auth) return null;
  const [person, accounts, staffRoles] = await Promise.all([
    getPerson(db, auth.personId),
    listAccountsOf(db, auth.personId),
    staffRolesOf(db, auth.personId),
  ]);
  if (!person) return null;
  const wanted = currentAccountId(session);
  const account =
    accounts.find((a) => a.id === wanted) ?? accounts.find((a) => a.kind === 'personal') ?? accounts[0];
  if (!account) return null;
  return {
    kind: 'person',
    id: person.id,
    displayName: personName(person),
    language: person.preferred_language,
    level: auth.level,
    account: { id: account.id, name: account.name, kind: account.kind },
    staffRoles,
    platformAdmin: person.platform_admin,
  };
}
