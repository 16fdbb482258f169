import type { Db } from '../../platform/database/database.ts';
import { historyOf, type Institution, type Professional } from './store.ts';

/** An entry's history as the register's API answers it. */
async function history(db: Db, entry: string) {
  return (await historyOf(db, entry)).map((change) => ({
    item: change.item,
    old: change.old_value,
    new: change.new_value,
    reference: change.reference,
    changedAt: change.changed_at.toISOString(),
  }));
}

/** A professional's entry as the register's API answers it (what Guichet shows them). */
export async function professionalEntry(db: Db, p: Professional) {
  return {
    gln: p.gln,
    givenNames: p.given_names,
    familyName: p.family_name,
    profession: p.profession,
    practiceAddress: { street: p.street, postcode: p.postcode, town: p.town },
    phone: p.phone,
    email: p.email,
    languages: p.languages,
    sites: p.sites,
    practiceAuthorisation: p.practice_authorised_on
      ? { since: p.practice_authorised_on, reference: p.practice_reference }
      : null,
    billingAuthorisation: p.billing_authorised_on
      ? { since: p.billing_authorised_on, reference: p.billing_reference }
      : null,
    history: await history(db, `gln:${p.gln}`),
  };
}

/** An institution's entry as the register's API answers it. */
export async function institutionEntry(db: Db, i: Institution) {
  return {
    uid: i.uid,
    name: i.name,
    kind: i.kind,
    practiceAddress: { street: i.street, postcode: i.postcode, town: i.town },
    phone: i.phone,
    email: i.email,
    languages: i.languages,
    sites: i.sites,
    history: await history(db, `uid:${i.uid}`),
  };
}
