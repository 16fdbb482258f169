import { type Expression, type RawBuilder, sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, escapeLike, tablesOf } from '../../platform/database/database.ts';
import { readOncePerRequest, rememberForRequest } from '../../platform/http/request-memo.ts';
import type { AccountKind, AccountsTables, MemberRole } from './tables.ts';

export interface AccountAccess {
  id: string;
  kind: AccountKind;
  name: string;
  role: MemberRole;
  organisationId: string | null;
}

const accounts = (db: Db) => tablesOf<AccountsTables>(db);

/** The person's own account, created on their first login. */
export async function ensurePersonalAccount(db: Db, personId: string, name: string): Promise<string> {
  const existing = await accounts(db)
    .selectFrom('accounts')
    .select('id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (existing) return existing.id;
  return audited(
    db,
    (id: string) => ({
      actor: `person:${personId}`,
      action: 'account.create',
      subjectType: 'account',
      subjectId: id,
      details: { kind: 'personal' },
    }),
    async (tx) => {
      const account = await accounts(tx)
        .insertInto('accounts')
        .values({ kind: 'personal', person_id: personId, name })
        .onConflict((oc) => oc.column('person_id').doUpdateSet({ name }))
        .returning('id')
        .executeTakeFirstOrThrow();
      await accounts(tx)
        .insertInto('account_members')
        .values({ account_id: account.id, person_id: personId, role: 'admin' })
        .onConflict((oc) => oc.columns(['account_id', 'person_id']).doNothing())
        .execute();
      return account.id;
    },
  );
}

/**
 * Every account the person may use, their own first. Read fresh on each request (no cached rights),
 * once per page however many sections and decisions ask.
 */
export function listAccountsOf(db: Db, personId: string): Promise<AccountAccess[]> {
  return readOncePerRequest(db, `accounts-of:${personId}`, () => readAccountsOf(db, personId));
}

/** `listAccountsOf` as SQL (a JSON array in the same order), for a statement that reads other modules' tables too. */
export function accountsOfSql(personId: Expression<string | null>): RawBuilder<AccountAccess[]> {
  return sql<AccountAccess[]>`(select coalesce(json_agg(json_build_object('id', a.id, 'kind', a.kind,
    'name', a.name, 'role', m.role, 'organisationId', a.organisation_id) order by a.kind, a.name), '[]')
    from account_members m join accounts a on a.id = m.account_id where m.person_id = ${personId})`;
}

/** The ids of the accounts a person is one of the people of, as an SQL array (change-log scopes). */
export function accountIdsOfSql(personId: Expression<string | null>): RawBuilder<string[]> {
  return sql<string[]>`array(select m.account_id from account_members m where m.person_id = ${personId})`;
}

/** An account's id, name and kind as JSON (null when there is none), for the caller's statement. */
export function accountSql(
  accountId: Expression<string | null>,
): RawBuilder<Pick<AccountAccess, 'id' | 'name' | 'kind'> | null> {
  return sql<Pick<AccountAccess, 'id' | 'name' | 'kind'> | null>`(select json_build_object('id', a.id,
    'name', a.name, 'kind', a.kind) from accounts a where a.id = ${accountId})`;
}

/** What `accountsOfSql` gave, kept so that this request's `listAccountsOf` does not read it again. */
export function rememberAccountsOf(db: Db, personId: string, accounts: AccountAccess[]): void {
  rememberForRequest(db, `accounts-of:${personId}`, accounts);
}

async function readAccountsOf(db: Db, personId: string): Promise<AccountAccess[]> {
  const rows = await accounts(db)
    .selectFrom('account_members')
    .innerJoin('accounts', 'accounts.id', 'account_members.account_id')
    .select([
      'accounts.id',
      'accounts.kind',
      'accounts.name',
      'accounts.organisation_id',
      'account_members.role',
    ])
    .where('account_members.person_id', '=', personId)
    .orderBy('accounts.kind', 'asc')
    .orderBy('accounts.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    role: r.role,
    organisationId: r.organisation_id,
  }));
}

export async function accountAccess(
  db: Db,
  personId: string,
  accountId: string,
): Promise<AccountAccess | undefined> {
  return (await listAccountsOf(db, personId)).find((a) => a.id === accountId);
}

/** The professional account of an organisation; the person opening it becomes its first admin. */
export async function openProfessionalAccount(
  db: Db,
  personId: string,
  organisation: { id: string; name: string },
): Promise<string> {
  return audited(
    db,
    (id: string) => ({
      actor: `person:${personId}`,
      action: 'account.create',
      subjectType: 'account',
      subjectId: id,
      details: { kind: 'professional', organisationId: organisation.id },
    }),
    async (tx) => {
      const account = await accounts(tx)
        .insertInto('accounts')
        .values({ kind: 'professional', organisation_id: organisation.id, name: organisation.name })
        .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ name: organisation.name }))
        .returning('id')
        .executeTakeFirstOrThrow();
      await accounts(tx)
        .insertInto('account_members')
        .values({ account_id: account.id, person_id: personId, role: 'admin' })
        .onConflict((oc) => oc.columns(['account_id', 'person_id']).doUpdateSet({ role: 'admin' }))
        .execute();
      return account.id;
    },
  );
}

/** The names of accounts (a person's, an organisation's), by id, in one query; an unknown id is absent. */
export async function accountNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await accounts(db)
    .selectFrom('accounts')
    .select(['id', 'name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((a) => [a.id, a.name]));
}

/**
 * The ids of the accounts whose name holds every one of `words` (case-insensitive), as a subquery for
 * another module's statement, through the trigram index `accounts_name_trgm` (words of three
 * characters or more).
 */
export function accountsNamedSql(words: readonly string[]): RawBuilder<unknown> {
  return sql`select id from accounts where ${sql.join(
    words.map((w) => sql`name ilike ${`%${escapeLike(w)}%`}`),
    sql` and `,
  )}`;
}

export async function getAccount(
  db: Db,
  accountId: string,
): Promise<
  | { id: string; name: string; kind: AccountKind; organisation_id: string | null; person_id: string | null }
  | undefined
> {
  return accounts(db)
    .selectFrom('accounts')
    .select(['id', 'name', 'kind', 'organisation_id', 'person_id'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** The account held by a person (personal) or by an organisation (professional), if it exists. */
export async function accountHeldBy(
  db: Db,
  holder: { personId: string } | { organisationId: string },
): Promise<string | undefined> {
  const query = accounts(db).selectFrom('accounts').select('id');
  const row = await ('personId' in holder
    ? query.where('person_id', '=', holder.personId)
    : query.where('organisation_id', '=', holder.organisationId)
  ).executeTakeFirst();
  return row?.id;
}

/** The people of an account (its holder, or an organisation's members), for telling them something. */
export async function membersOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await accounts(db)
    .selectFrom('account_members')
    .select('person_id')
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.person_id);
}
