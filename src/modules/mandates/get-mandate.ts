import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Mandate } from './mandates.ts';
import type { MandatesTables } from './tables.ts';

const isId = (id: string) => /^[0-9a-f-]{36}$/.test(id);

/** A mandate given by the account; one given by another account is absent. */
export async function getMandateOfPrincipal(
  db: Db,
  principalAccountId: string,
  id: string,
): Promise<Mandate | undefined> {
  if (!isId(id)) return undefined;
  return tablesOf<MandatesTables>(db)
    .selectFrom('mandates')
    .selectAll()
    .where('id', '=', id)
    .where('principal_account_id', '=', principalAccountId)
    .executeTakeFirst();
}

/**
 * A mandate the person is a party to: given by one of their accounts, or received by them or by one
 * of their accounts. Any other is absent.
 */
export async function getMandateOfParty(
  db: Db,
  party: { personId: string; accountIds: string[] },
  id: string,
): Promise<Mandate | undefined> {
  if (!isId(id)) return undefined;
  const accounts = party.accountIds.length > 0 ? party.accountIds : ['00000000-0000-0000-0000-000000000000'];
  return tablesOf<MandatesTables>(db)
    .selectFrom('mandates')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('principal_account_id', 'in', accounts),
        eb('agent_person_id', '=', party.personId),
        eb('agent_account_id', 'in', accounts),
      ]),
    )
    .executeTakeFirst();
}
