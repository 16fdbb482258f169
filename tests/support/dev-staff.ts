import { getAuthorityBySlug, grantStaffRole } from '../../src/modules/authorities/index.ts';
import type { Db } from '../../src/platform/database/database.ts';
import type { StaffRole } from '../../src/platform/http/access.ts';
import { demoPerson } from './demo-persons.ts';

/**
 * Gives one of the development provider's test persons a staff role, as the authority's admin would:
 * the browser test logs them in first (which creates the person), then grants the role, which counts
 * from the next request on.
 */
export async function grantDevRole(db: Db, name: string, authority: string, role: StaffRole): Promise<void> {
  const { personId } = await demoPerson(db, name);
  const found = await getAuthorityBySlug(db, authority);
  if (!found) throw new Error(`No authority ${authority}`);
  await grantStaffRole(db, 'test', { authorityId: found.id, personId, role });
}
