import { type Expression, type RawBuilder, sql } from 'kysely';
import { everyone } from '../../platform/database/change-log.ts';
import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { Session, SessionReads } from '../../platform/http/session.ts';
import {
  type AccountAccess,
  accountIdsOfSql,
  accountSql,
  accountsOfSql,
  rememberAccountsOf,
} from '../accounts/index.ts';
import { staffRolesOfSql } from '../authorities/index.ts';
import {
  type ActingPerson,
  actingPersonSql,
  currentAccountId,
  personName,
  sessionAccountIdSql,
  sessionAuth,
  sessionPersonIdSql,
} from '../identity/index.ts';
import { mandatedAccountIdsSql, type RepresentedMandate, representedSql } from '../mandates/index.ts';

/** What deciding who acts reads of a person, read together in one statement. */
interface ActorReads {
  person: ActingPerson | null;
  accounts: AccountAccess[];
  staffRoles: PersonActor['staffRoles'];
  /** The account in use when it is someone else's, with the mandate in force that allows it. */
  represented: { mandate: RepresentedMandate; account: Pick<AccountAccess, 'id' | 'name' | 'kind'> } | null;
}

/** Each module's part over its own tables, composed into one expression. */
function actorReadsSql(
  personId: Expression<string | null>,
  accountId: Expression<string | null>,
): RawBuilder<ActorReads> {
  return sql<ActorReads>`json_build_object('person', ${actingPersonSql(personId)},
    'accounts', ${accountsOfSql(personId)}, 'staffRoles', ${staffRolesOfSql(personId)},
    'represented', (select json_build_object('mandate', r.m,
        'account', ${accountSql(sql`(r.m->>'accountId')::uuid`)})
      from (select ${representedSql(personId, accountId)} as m) r where r.m is not null))`;
}

/**
 * Read with the session's row, so that a logged-in request learns who acts in the same round trip
 * as its session (platform/http/app.tsx hands it to `Session.load`). What it read is kept for the
 * session while nothing changed in its scopes (ADR 32): the person, everything the same for everyone,
 * the accounts they are one of the people of and those they hold a mandate for (whose mandates, and
 * so who may act there, change with them), which are also all the accounts "my space" reads.
 */
export const actorWithSession: SessionReads = {
  companion: (data) => actorReadsSql(sessionPersonIdSql(data), sessionAccountIdSql(data)),
  scopes: (data) => {
    const personId = sessionPersonIdSql(data);
    return sql<string[]>`(array[${personId}, ${sql.lit(everyone)}::uuid] || ${accountIdsOfSql(personId)}
      || ${mandatedAccountIdsSql(personId)})`;
  },
};

/**
 * Who is acting, as read with the session (or kept for it, and checked against the change log on
 * every request) so that a removed membership or role takes effect at once. A session whose person
 * is gone or disabled is treated as logged out.
 */
export async function resolveActor(db: Db, session: Session): Promise<PersonActor | null> {
  const auth = sessionAuth(session);
  if (!auth) return null;
  const wanted = currentAccountId(session);
  const {
    person,
    accounts,
    staffRoles,
    represented: read,
  } = (session.companion as ActorReads | undefined) ?? (await readActor(db, auth.personId, wanted));
  if (!person || person.disabled) return null; // a disabled person's sessions end with it
  rememberAccountsOf(db, auth.personId, accounts);
  const own = accounts.find((a) => a.id === wanted);
  // Acting for someone else holds only while a mandate in force allows it: read on every request.
  const represented = !own && wanted && read?.account ? read : undefined;
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
async function readActor(db: Db, personId: string, accountId: string | undefined): Promise<ActorReads> {
  const { rows } = await sql<{
    reads: ActorReads;
  }>`select ${actorReadsSql(sql`${personId}::uuid`, sql`${accountId ?? null}::text`)} as reads`.execute(db);
  return rows[0]?.reads ?? { person: null, accounts: [], staffRoles: [], represented: null };
}
