import type { Db } from '../../platform/database/database.ts';
import { accountHeldBy } from '../accounts/index.ts';
import {
  type CommercialRegister,
  findOrganisationByUid,
  findPersonByAvs,
  normaliseAvs,
  normaliseUid,
} from '../identity/index.ts';
import { sameName } from './awaited-mandates.ts';
import type { MandateTerms } from './mandates.ts';

export interface AgentInput {
  kind: 'person' | 'organisation';
  avs: string;
  familyName: string;
  uid: string;
}

export type AgentProblem = 'avsInvalid' | 'familyNameMissing' | 'uidInvalid' | 'uidUnknown' | 'agentIsYou';

/**
 * Who a mandate goes to, from what the principal typed: a person by AVS number and family name, an
 * organisation by UID. Someone who does not use the counter yet is awaited rather than refused: the
 * giver usually acts first. A person's number and name must both match someone, or the mandate waits
 * for whoever first logs in with both — so a typing mistake binds it to nobody, and the form tells
 * nothing of who uses the counter. An organisation's UID must be in the commercial register, which
 * also names it.
 */
export async function findAgent(
  db: Db,
  register: CommercialRegister,
  input: AgentInput,
  giver: { personId: string; accountId: string },
): Promise<{ agent: MandateTerms['agent'] } | { problems: { field: string; problem: AgentProblem }[] }> {
  if (input.kind === 'organisation') {
    const uid = normaliseUid(input.uid);
    if (!uid) return { problems: [{ field: 'uid', problem: 'uidInvalid' }] };
    const entry = await register.company(uid);
    if (!entry) return { problems: [{ field: 'uid', problem: 'uidUnknown' }] };
    const organisation = await findOrganisationByUid(db, uid);
    const accountId = organisation && (await accountHeldBy(db, { organisationId: organisation.id }));
    if (accountId === giver.accountId) return { problems: [{ field: 'uid', problem: 'agentIsYou' }] };
    return { agent: accountId ? { accountId } : { awaited: { uid, name: entry.name } } };
  }
  const avs = normaliseAvs(input.avs);
  const problems: { field: string; problem: AgentProblem }[] = [];
  if (!avs) problems.push({ field: 'avs', problem: 'avsInvalid' });
  if (!input.familyName.trim()) problems.push({ field: 'familyName', problem: 'familyNameMissing' });
  if (!avs || problems.length > 0) return { problems };
  const found = await findPersonByAvs(db, avs);
  const person = found && sameName(found.family_name, input.familyName) ? found : undefined;
  if (person?.id === giver.personId) return { problems: [{ field: 'avs', problem: 'agentIsYou' }] };
  return { agent: person ? { personId: person.id } : { awaited: { avs, name: input.familyName } } };
}
