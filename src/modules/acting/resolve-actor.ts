import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { Session, SessionCompanion } from '../../platform/http/session.ts';
import { type AccountAccess, accountsOfSql, rememberAccountsOf } from '../accounts/index.ts';
import { staffRolesOfSql } from '../authorities/index.ts';
import {
  type ActingPerson,
  actingPersonSql,
  currentAccountId,
  personName,
  sessionAuth,
  sessionPersonIdSql,
} from '../identity/index.ts';
import { representedAccount } from './acting-for.ts';

/** What deciding who acts reads of a person, read together in one statement. */
interface ActorReads {
  person: ActingPerson | null;
  accounts: AccountAccess[];
  staffRoles: PersonActor['staffRoles'];
}

/** Each module's part over its own tables, composed into one expression. */
function actorReadsSql(personId: Expression<string | null>): RawBuilder<ActorReads> {
  return sql<ActorReads>`json_build_object('person', ${actingPersonSql(personId)},
    'accounts', ${accountsOfSql(personId)}, 'staffRoles', ${staffRolesOfSql(personId)})`;
}

/**
 * Read with the session's row, so that a logged-in request learns who acts in the same round trip
 * as its session (platform/http/app.tsx hands it to `Session.load`).
 */
export const actorWithSession: SessionCompanion = (data) => actorReadsSql(sessionPersonIdSql(data));

/**
 * Who is acting, rebuilt from the database on every request so that a removed membership or role
 * takes effect at once. A session whose person is gone or disabled is treated as logged out.
 */
export async function resolveActor(db: Db, session: Session): Promise<PersonActor | null> {
  const auth = sessionAuth(session);
  if (!auth) return null;
  const { person, accounts, staffRoles } =
    (session.companion as ActorReads | undefined) ?? (await readActor(db, auth.personId));
  if (!person || person.disabled) return null; // a disabled person's sessions end with it
  rememberAccountsOf(db, auth.personId, accounts);
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
    displayName: personName({ given_names: person.givenNames, family_name: person.familyName }),
    language: person.language,
    level: auth.level,
    account: { id: account.id, name: account.name, kind: account.kind, role: member?.role },
    mandate: represented ? { id: represented.mandate.id, themes: represented.mandate.themes } : undefined,
    staffRoles,
    platformAdmin: person.platformAdmin,
  };
}

/** The same reads alone, for a session not loaded with them. */
async function readActor(db: Db, personId: string): Promise<ActorReads> {
  const { rows } = await sql<{
    reads: ActorReads;
  }>`select ${actorReadsSql(sql`${personId}::uuid`)} as reads`.execute(db);
  return rows[0]?.reads ?? { person: null, accounts: [], staffRoles: [] };
}
