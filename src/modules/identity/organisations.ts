import { type Expression, type RawBuilder, type Selectable, sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { CommercialRegister, RegisterEntry } from './commercial-register.ts';
import type { IdentityTables } from './tables.ts';
import { normaliseUid } from './uid-number.ts';

export type Organisation = Selectable<IdentityTables['organisations']>;

/** An organisation's UID as an SQL expression, for another module's statement. */
export function organisationUidOf(organisationId: Expression<string | null>): RawBuilder<string | null> {
  return sql<string | null>`(select uid from organisations where id = ${organisationId})`;
}

/** Records (or refreshes) an organisation from its commercial-register entry: once only, never retyped. */
export async function upsertOrganisation(db: Db, entry: RegisterEntry): Promise<Organisation> {
  const uid = normaliseUid(entry.uid);
  if (!uid) throw new Error(`The commercial register returned an invalid UID: ${entry.uid}`);
  const values = {
    uid,
    name: entry.name,
    legal_form: entry.legalForm,
    seat: entry.seat,
    street: entry.address.street,
    house_number: entry.address.houseNumber,
    postcode: entry.address.postcode,
    town: entry.address.town,
  };
  return tablesOf<IdentityTables>(db)
    .insertInto('organisations')
    .values(values)
    .onConflict((oc) => oc.column('uid').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findOrganisationByUid(db: Db, uid: string): Promise<Organisation | undefined> {
  return tablesOf<IdentityTables>(db)
    .selectFrom('organisations')
    .selectAll()
    .where('uid', '=', uid)
    .executeTakeFirst();
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  return tablesOf<IdentityTables>(db)
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** How a person signs for an organisation according to the commercial register, if at all. */
export async function registeredSignature(
  register: CommercialRegister,
  organisationUid: string,
  avs: string | null,
): Promise<'single' | 'joint' | undefined> {
  if (!avs) return undefined;
  const entry = await register.company(organisationUid);
  return entry?.signatories.find((s) => s.avs === avs)?.signature;
}
