import type { Db } from '../../platform/database/database.ts';
import { getAccount } from '../accounts/index.ts';
import { getPerson, personName } from '../identity/index.ts';
import type { Case } from './cases.ts';

/**
 * Who asked, as staff call them: the account's name (the person, or the organisation), followed by
 * the person who filled the form when it is someone else (a member, a representative).
 */
export async function requesterNames(db: Db, items: Case[]): Promise<Map<string, string>> {
  const accounts = new Map<string, string>();
  const people = new Map<string, string>();
  const names = new Map<string, string>();
  for (const item of items) {
    if (!accounts.has(item.account_id))
      accounts.set(item.account_id, (await getAccount(db, item.account_id))?.name ?? '');
    if (!people.has(item.person_id)) {
      const person = await getPerson(db, item.person_id);
      people.set(item.person_id, person ? personName(person) : '');
    }
    const account = accounts.get(item.account_id) ?? '';
    const person = people.get(item.person_id) ?? '';
    names.set(item.id, !account || account === person ? person : person ? `${account} (${person})` : account);
  }
  return names;
}
