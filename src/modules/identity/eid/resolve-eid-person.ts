import type { Db } from '../../../platform/database/database.ts';
import { normaliseAvs } from '../avs-number.ts';
import {
  createPersonWithLink,
  findLink,
  findPersonByAvs,
  findPersonsByNameAndBirth,
  getPerson,
  linkIdentity,
  type Person,
  type PersonClaims,
} from '../persons.ts';

/** The identity means an e-ID is, linked by the person's AVS number (stable across e-ID renewals). */
export const eidProvider = 'swiyu-eid';

export type EidPerson =
  | { kind: 'person'; person: Person; created: boolean }
  | { kind: 'confirm'; candidate: Person }
  | { kind: 'otherPerson' }
  | { kind: 'missing' };

const folded = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
const sameIdentity = (person: Person, claims: PersonClaims) =>
  folded(person.family_name) === folded(claims.familyName) &&
  folded(person.given_names) === folded(claims.givenNames) &&
  (person.date_of_birth === null || person.date_of_birth === claims.dateOfBirth);

/**
 * Who a verified e-ID is: the person it is linked to; else the person with its AVS number; else, during a
 * step-up, the logged-in person when names and date of birth agree; else one person with the same
 * names and date of birth and no AVS number, whom the person must confirm; else a new person. An e-ID
 * that is someone else's never logs in or links to the logged-in person.
 */
export async function resolveEidPerson(
  db: Db,
  claims: PersonClaims,
  loggedIn: string | undefined,
): Promise<EidPerson> {
  const avs = claims.avs && normaliseAvs(claims.avs);
  if (!avs) return { kind: 'missing' };
  const link = { provider: eidProvider, subject: avs, level: 'high' as const };
  const linked = await findLink(db, eidProvider, avs);
  const known = linked ? await getPerson(db, linked.person_id) : await findPersonByAvs(db, avs);
  if (known) {
    if (loggedIn && known.id !== loggedIn) return { kind: 'otherPerson' };
    if (!linked) await linkIdentity(db, known.id, link);
    return { kind: 'person', person: known, created: false };
  }
  if (loggedIn) {
    const current = await getPerson(db, loggedIn);
    if (!current || (current.avs && current.avs !== avs) || !sameIdentity(current, claims))
      return { kind: 'otherPerson' };
    await linkIdentity(db, current.id, link);
    return { kind: 'person', person: current, created: false };
  }
  if (claims.dateOfBirth) {
    const namesakes = (
      await findPersonsByNameAndBirth(db, {
        givenNames: claims.givenNames,
        familyName: claims.familyName,
        dateOfBirth: claims.dateOfBirth,
      })
    ).filter((person) => !person.avs);
    if (namesakes.length === 1 && namesakes[0]) return { kind: 'confirm', candidate: namesakes[0] };
  }
  const { person } = await createPersonWithLink(db, claims, link);
  return { kind: 'person', person, created: true };
}

/** The person confirmed the profile found by names and date of birth is theirs (or not: a new one). */
export async function confirmEidMatch(
  db: Db,
  claims: PersonClaims,
  candidateId: string | undefined,
): Promise<Extract<EidPerson, { kind: 'person' }>> {
  const avs = normaliseAvs(claims.avs ?? '') ?? '';
  const link = { provider: eidProvider, subject: avs, level: 'high' as const };
  const candidate = candidateId ? await getPerson(db, candidateId) : undefined;
  if (candidate && !candidate.avs && sameIdentity(candidate, claims)) {
    await linkIdentity(db, candidate.id, link);
    return { kind: 'person', person: candidate, created: false };
  }
  const { person } = await createPersonWithLink(db, claims, link);
  return { kind: 'person', person, created: true };
}
