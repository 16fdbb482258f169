import type { Db } from '../../platform/database/database.ts';
import { accountNames } from '../accounts/index.ts';
import { personNames } from '../identity/index.ts';
import type { Case } from './cases.ts';

/**
 * Who asked, as staff call them: the account's name (the person, or the organisation), followed by
 * the person who filled the form when it is someone else (a member, a representative). Two queries
 * whatever the number of requests (an export's thousands included).
 */
export async function requesterNames(db: Db, items: Case[]): Promise<Map<string, string>> {
  const accounts = await accountNames(
    db,
    items.map((item) => item.account_id),
  );
  const people = await personNames(
    db,
    items.map((item) => item.person_id),
  );
  const names = new Map<string, string>();
  for (const item of items) {
    const account = accounts.get(item.account_id) ?? '';
    const person = people.get(item.person_id) ?? '';
    names.set(item.id, !account || account === person ? person : person ? `${account} (${person})` : account);
  }
  return names;
}
