import { accountHeldBy } from '../../src/modules/accounts/index.ts';
import { findLink, testPersons, testStaff } from '../../src/modules/identity/index.ts';
import type { Db } from '../../src/platform/database/database.ts';

/**
 * A person of the development identity provider, by the name its login page shows ("Hélène
 * Pitteloud"), with their personal account. They must be known already: logged in (every login opens
 * the personal account) or seeded by the demo (its staff and its pharmacy's people). A missing one is
 * an error saying who, not an empty id that fails further on.
 */
export async function demoPerson(db: Db, name: string): Promise<{ personId: string; accountId: string }> {
  // The subject is the one the provider gives, not one rebuilt from the name (accents, "Pierre-André").
  const known = [...testPersons, ...testStaff].find((p) => `${p.givenNames} ${p.familyName}` === name);
  if (!known) throw new Error(`${name} is not a person of the development identity provider`);
  const link = await findLink(db, 'dev', known.sub);
  if (!link) throw new Error(`${name} is not known yet: log them in through the development provider first`);
  const accountId = await accountHeldBy(db, { personId: link.person_id });
  if (!accountId) throw new Error(`${name} has no personal account`);
  return { personId: link.person_id, accountId };
}
