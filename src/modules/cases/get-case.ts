import { sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { requiredLevelOfFormCall } from '../catalogue/index.ts';
import type { Case } from './cases.ts';
import type { CasesTables } from './tables.ts';

const uuid = /^[0-9a-f-]{36}$/;

/** One of the authority's requests; another authority's is as absent as one that does not exist. */
export async function getCaseOfAuthority(db: Db, authorityId: string, id: string): Promise<Case | undefined> {
  if (!uuid.test(id)) return undefined;
  return tablesOf<CasesTables>(db)
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('authority_id', '=', authorityId)
    .executeTakeFirst();
}

/**
 * One of the account's requests, with the level of assurance its service asks for now (the requester's
 * pages ask it too); another account's is as absent as one that does not exist.
 */
export async function getCaseOfAccount(
  db: Db,
  accountId: string,
  id: string,
): Promise<(Case & { required_level: AssuranceLevel }) | undefined> {
  if (!uuid.test(id)) return undefined;
  return tablesOf<CasesTables>(db)
    .selectFrom('cases')
    .selectAll()
    .select(requiredLevelOfFormCall(sql`cases.form_id`).as('required_level'))
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/**
 * The request a job of this module names. Not exported from the module: the id comes from a payload
 * this module enqueued in the same transaction as the request's change, never from someone's input.
 */
export async function getCaseForJob(db: Db, id: string): Promise<Case | undefined> {
  if (!uuid.test(id)) return undefined;
  return tablesOf<CasesTables>(db).selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The level of assurance the service of a request asks now (low for no such request): what was
 * published for the request (a decision, an extract) asks it of whoever opens it, as the request does.
 */
export async function requiredLevelOfRequest(db: Db, requestId: string): Promise<AssuranceLevel> {
  const found = await tablesOf<CasesTables>(db)
    .selectFrom('cases')
    .select(requiredLevelOfFormCall(sql`cases.form_id`).as('level'))
    .where('id', '=', requestId)
    .executeTakeFirst();
  return found?.level ?? 'low';
}
