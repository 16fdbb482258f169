import type { Db } from '../../platform/database/database.ts';
import { getAccount } from '../accounts/index.ts';
import { getOrganisation, getPerson } from '../identity/index.ts';
import { allFields, type FormDefinition, type PrefillSource } from './definition.ts';
import type { Answers } from './validate.ts';

/**
 * What the platform already knows about the account a form is filled for — its holder, or the
 * represented principal — put into the fields bound to it, so that nobody types it again.
 */
export async function prefill(db: Db, definition: FormDefinition, accountId: string): Promise<Answers> {
  const account = await getAccount(db, accountId);
  const person = account?.person_id ? await getPerson(db, account.person_id) : undefined;
  const organisation = account?.organisation_id
    ? await getOrganisation(db, account.organisation_id)
    : undefined;
  const known: Record<PrefillSource, unknown> = {
    'person.givenNames': person?.given_names,
    'person.familyName': person?.family_name,
    'person.dateOfBirth': person?.date_of_birth ?? undefined,
    'person.avs': person?.avs ?? undefined,
    'person.email': person?.email ?? undefined,
    'person.address':
      person?.street && person.postcode && person.town
        ? {
            street: person.street,
            ...(person.house_number && { houseNumber: person.house_number }),
            postcode: person.postcode,
            town: person.town,
            country: 'CH',
          }
        : undefined,
    'organisation.name': organisation?.name,
    'organisation.uid': organisation?.uid,
  };
  const answers: Answers = {};
  for (const { field, group } of allFields(definition))
    if (!group && field.prefill && known[field.prefill] !== undefined)
      answers[field.id] = known[field.prefill];
  return answers;
}
