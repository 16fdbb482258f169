import { type Expression, type RawBuilder, sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { StaffRole } from '../../platform/http/access.ts';
import type { AuthoritiesTables } from './tables.ts';

/** The roles a person holds in authorities' back offices, read fresh on every request. */
export async function staffRolesOf(
  db: Db,
  personId: string,
): Promise<{ authorityId: string; role: StaffRole }[]> {
  const rows = await tablesOf<AuthoritiesTables>(db)
    .selectFrom('authority_staff')
    .select(['authority_id', 'role'])
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => ({ authorityId: r.authority_id, role: r.role }));
}

/** `staffRolesOf` as SQL (a JSON array), for a statement that reads it with other modules' tables. */
export function staffRolesOfSql(
  personId: Expression<string | null>,
): RawBuilder<{ authorityId: string; role: StaffRole }[]> {
  return sql<{ authorityId: string; role: StaffRole }[]>`(select coalesce(json_agg(json_build_object(
    'authorityId', s.authority_id, 'role', s.role)), '[]') from authority_staff s where s.person_id = ${personId})`;
}

export async function grantStaffRole(
  db: Db,
  actor: string,
  grant: { authorityId: string; personId: string; role: StaffRole },
) {
  await audited(
    db,
    {
      actor,
      action: 'authority.staff.grant',
      subjectType: 'person',
      subjectId: grant.personId,
      authorityId: grant.authorityId,
      details: { role: grant.role },
    },
    (tx) =>
      tablesOf<AuthoritiesTables>(tx)
        .insertInto('authority_staff')
        .values({ authority_id: grant.authorityId, person_id: grant.personId, role: grant.role })
        .onConflict((oc) => oc.columns(['authority_id', 'person_id', 'role']).doNothing())
        .execute(),
  );
}

/** The people holding a role in an authority (e.g. its administrators, to alert them). */
export async function staffWithRole(db: Db, authorityId: string, role: StaffRole): Promise<string[]> {
  const rows = await tablesOf<AuthoritiesTables>(db)
    .selectFrom('authority_staff')
    .select('person_id')
    .where('authority_id', '=', authorityId)
    .where('role', '=', role)
    .execute();
  return rows.map((r) => r.person_id);
}
