import { getAccount, membersOf } from '../../modules/accounts/index.ts';
import { getOrganisation, getPerson, personName } from '../../modules/identity/index.ts';
import { agentsFor } from '../../modules/mandates/index.ts';
import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import type { Pharmacy } from './statements.ts';
import { narcotics } from './statements.ts';

/** The pharmacy an account is: a professional account of an organisation (by its UID), else none. */
export async function pharmacyOf(db: Db, accountId: string): Promise<Pharmacy | undefined> {
  const account = await getAccount(db, accountId);
  if (account?.kind !== 'professional' || !account.organisation_id) return undefined;
  const organisation = await getOrganisation(db, account.organisation_id);
  return organisation && { uid: organisation.uid, name: organisation.name, accountId };
}

/**
 * Who may be named responsible pharmacist: the pharmacy's own people and the pharmacists it gave a
 * mandate "narcotics" with the right to submit.
 */
export async function possibleResponsibles(
  db: Db,
  accountId: string,
  now = new Date(),
): Promise<{ personId: string; name: string }[]> {
  const ids = [
    ...new Set([
      ...(await membersOf(db, accountId)),
      ...(await agentsFor(db, accountId, 'narcotics', 'submit', now)),
    ]),
  ];
  const people = await Promise.all(
    ids.map(async (personId) => {
      const person = await getPerson(db, personId);
      return person && { personId, name: personName(person) };
    }),
  );
  return people
    .filter((p): p is { personId: string; name: string } => p !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function responsibleOf(db: Db, accountId: string): Promise<string | undefined> {
  const row = await narcotics(db)
    .selectFrom('narcotics_pharmacies')
    .select('responsible_person_id')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.responsible_person_id;
}

/** The pharmacy names who signs off its statements (among `possibleResponsibles`, checked by the caller). */
export async function nameResponsible(
  db: Db,
  by: string,
  accountId: string,
  personId: string,
): Promise<void> {
  await audited(
    db,
    {
      actor: `person:${by}`,
      onBehalfOf: `account:${accountId}`,
      action: 'narcotics.nameResponsible',
      subjectType: 'account',
      subjectId: accountId,
      details: { personId },
    },
    (tx) =>
      narcotics(tx)
        .insertInto('narcotics_pharmacies')
        .values({ account_id: accountId, responsible_person_id: personId, named_by: by })
        .onConflict((oc) =>
          oc
            .column('account_id')
            .doUpdateSet({ responsible_person_id: personId, named_by: by, named_at: new Date() }),
        )
        .execute(),
  );
}
