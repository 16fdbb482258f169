import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { Session } from '../../platform/http/session.ts';
import { getAccount, listAccountsOf } from '../accounts/accounts.ts';
import { staffRolesOf } from '../authorities/index.ts';
import { principalsOf } from '../mandates/effective-mandates.ts';
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
  const own = accounts.find((a) => a.id === wanted);
  // Acting for someone else holds only while a mandate in force allows it: checked on every request.
  const viaMandate =
    !own && wanted ? (await principalsOf(db, auth.personId)).find((p) => p.accountId === wanted) : undefined;
  const principal = viaMandate && (await getAccount(db, viaMandate.accountId));
  const account = own ?? principal ?? accounts.find((a) => a.kind === 'personal') ?? accounts[0];
  if (!account) return null;
  return {
    kind: 'person',
    id: person.id,
    displayName: personName(person),
    language: person.preferred_language,
    level: auth.level,
    account: { id: account.id, name: account.name, kind: account.kind },
    mandate:
      principal && viaMandate ? { id: viaMandate.mandate.id, themes: viaMandate.mandate.themes } : undefined,
    staffRoles,
    platformAdmin: person.platform_admin,
  };
}
