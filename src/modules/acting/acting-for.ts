import type { Db } from '../../platform/database/database.ts';
import { type AccountAccess, accountAccess, getAccount } from '../accounts/index.ts';
import { type Mandate, principalsOf } from '../mandates/index.ts';

/** The account a person uses, and the mandate in force under which they may, if it is someone else's. */
export interface Acting {
  account: Pick<AccountAccess, 'id' | 'name' | 'kind'>;
  mandate?: Mandate;
}

/** Someone else's account that a mandate in force lets the person use, with that mandate. */
export async function representedAccount(
  db: Db,
  personId: string,
  accountId: string,
): Promise<Required<Acting> | undefined> {
  const via = (await principalsOf(db, personId)).find((p) => p.accountId === accountId);
  const account = via && (await getAccount(db, via.accountId));
  return account && via ? { account, mandate: via.mandate } : undefined;
}

/**
 * Whether the person may act for this account now (holder, member, or under a mandate in force).
 * Given to the OpenID provider, which sits below accounts and mandates, to check at every token.
 */
export async function actingFor(db: Db, personId: string, accountId: string): Promise<Acting | undefined> {
  const own = await accountAccess(db, personId, accountId);
  return own ? { account: own } : representedAccount(db, personId, accountId);
}
