import type { Db } from '../../platform/database/database.ts';
import { accountHeldBy, getAccount } from '../accounts/index.ts';
import { findOrganisationByUid, findPersonByAvs, findPersonsByNameAndBirth } from '../identity/index.ts';

export type RecipientQuery =
  | { kind: 'avs'; avs: string }
  | { kind: 'uid'; uid: string }
  | { kind: 'name'; givenNames: string; familyName: string; dateOfBirth: string };

export type Recipient = { accountId: string; name: string };

/** The account a document goes to: a person's own account, or an organisation's professional one. */
export async function findRecipient(
  db: Db,
  query: RecipientQuery,
): Promise<Recipient | 'notFound' | 'ambiguous' | 'noAccount'> {
  let holder: { personId: string } | { organisationId: string };
  if (query.kind === 'avs') {
    const person = await findPersonByAvs(db, query.avs);
    if (!person) return 'notFound';
    holder = { personId: person.id };
  } else if (query.kind === 'uid') {
    const organisation = await findOrganisationByUid(db, query.uid);
    if (!organisation) return 'notFound';
    holder = { organisationId: organisation.id };
  } else {
    const people = await findPersonsByNameAndBirth(db, query);
    if (people.length === 0) return 'notFound';
    if (people.length > 1) return 'ambiguous';
    holder = { personId: (people[0] as { id: string }).id };
  }
  const accountId = await accountHeldBy(db, holder);
  const account = accountId ? await getAccount(db, accountId) : undefined;
  return account ? { accountId: account.id, name: account.name } : 'noAccount';
}
