import { getAuthorityBySlug, grantStaffRole } from '../../src/modules/authorities/index.ts';
import { allTestPersons } from '../../src/modules/identity/dev-idp/test-persons.ts';
import { findLink } from '../../src/modules/identity/index.ts';
import type { Db } from '../../src/platform/database/database.ts';
import type { StaffRole } from '../../src/platform/http/access.ts';

/**
 * Gives one of the development provider's test persons a staff role, as the authority's admin would:
 * the browser test logs them in first (which creates the person), then grants the role, which counts
 * from the next request on.
 */
export async function grantDevRole(db: Db, name: string, authority: string, role: StaffRole): Promise<void> {
  const person = allTestPersons.find((p) => `${p.givenNames} ${p.familyName}` === name);
  const link = person && (await findLink(db, 'dev', person.sub));
  if (!link) throw new Error(`${name} has not logged in through the development provider yet`);
  const found = await getAuthorityBySlug(db, authority);
  if (!found) throw new Error(`No authority ${authority}`);
  await grantStaffRole(db, 'test', { authorityId: found.id, personId: link.person_id, role });
}
