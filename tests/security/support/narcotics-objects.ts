import { openProfessionalAccount } from '../../../src/modules/accounts/index.ts';
import { upsertOrganisation } from '../../../src/modules/identity/index.ts';
import type { PersonActor } from '../../../src/platform/http/access.ts';
import { nameResponsible } from '../../../src/services/narcotics-statements/index.ts';
import { pharmacyOf } from '../../../src/services/narcotics-statements/pharmacies.ts';
import { fileStatement } from '../../../src/services/narcotics-statements/statements.ts';
import type { createTestApp } from '../../support/test-app.ts';

type Db = Awaited<ReturnType<typeof createTestApp>>['database']['db'];

/** The month the matrix probes on the pharmacy's routes: a past one, so it may be entered and filed. */
export const statementMonth = '2026-01';

/**
 * A pharmacy of its own for the matrix (its name is the owner's secret, so a page showing it to anyone
 * else is a leak): a professional account held by `owner`, who is its responsible pharmacist, and a
 * statement filed with the authority that receives them, for that authority's application to read.
 * Its UID is that of an institution in the health register's simulator: its people see that entry.
 */
export async function createPharmacy(db: Db, owner: PersonActor, authorityId: string, secret: string) {
  const organisation = await upsertOrganisation(db, {
    uid: 'CHE123456788',
    name: secret,
    legalForm: 'SA',
    seat: 'Sion',
    address: { street: 'Rue du Test', houseNumber: '1', postcode: '1950', town: 'Sion' },
    signatories: [],
  });
  const accountId = await openProfessionalAccount(db, owner.id, { id: organisation.id, name: secret });
  await nameResponsible(db, owner.id, accountId, owner.id);
  const pharmacy = await pharmacyOf(db, accountId);
  if (!pharmacy) throw new Error('the matrix’s pharmacy is not one');
  const filed = await fileStatement(
    db,
    { personId: owner.id, name: owner.displayName, responsible: true },
    { authorityId, pharmacy, month: '2025-12', rows: [] },
  );
  if (filed.outcome !== 'filed') throw new Error(`no statement for the matrix: ${filed.outcome}`);
  const actor: PersonActor = {
    ...owner,
    account: { id: accountId, name: 'Pharmacy', kind: 'professional', role: 'admin' },
  };
  return { actor, statement: filed.id };
}
