import { auditedTx } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Person } from '../identity/index.ts';
import { approvalsSuffice, type Mandate, signaturesOf, tell } from './mandates.ts';
import type { MandatesTables } from './tables.ts';

/** Names compared as people type them: without case, accents or surrounding spaces. */
export function sameName(a: string, b: string): boolean {
  const folded = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  return folded(a) === folded(b);
}

/**
 * Gives the waiting mandates that `accept` keeps to their agent (`set`), each audited as done by
 * `personId`, and tells the agent once the principal's signatures suffice, as for any proposal.
 */
async function bind(
  db: Db,
  where: { awaited_avs: string } | { awaited_uid: string },
  accept: (mandate: Mandate) => boolean,
  personId: string,
  set: { agent_person_id: string } | { agent_account_id: string },
): Promise<Mandate[]> {
  return db.transaction().execute(async (tx) => {
    const query = tablesOf<MandatesTables>(tx)
      .selectFrom('mandates')
      .selectAll()
      .where('state', '=', 'proposed');
    const waiting = await ('awaited_avs' in where
      ? query.where('awaited_avs', '=', where.awaited_avs)
      : query.where('awaited_uid', '=', where.awaited_uid)
    )
      .forUpdate()
      .execute();
    const bound: Mandate[] = [];
    for (const mandate of waiting.filter(accept)) {
      const event = {
        actor: `person:${personId}`,
        onBehalfOf: `account:${mandate.principal_account_id}`,
        action: 'mandate.bind',
        subjectType: 'mandate',
        subjectId: mandate.id,
        details: {},
      };
      const updated = await auditedTx(tx, event, (tx) =>
        tablesOf<MandatesTables>(tx)
          .updateTable('mandates')
          .set({ ...set, awaited_avs: null, awaited_uid: null, awaited_name: null })
          .where('id', '=', mandate.id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      if (approvalsSuffice(await signaturesOf(tx, mandate.id)))
        await tell(tx, 'agent', updated, 'mandateToApprove', 'bound');
      bound.push(updated);
    }
    return bound;
  });
}

/**
 * At a person's first login, the mandates given to them before they ever came (by AVS number and
 * family name) become theirs, to accept or decline like any proposed mandate. The name must match
 * too, so that a mistyped AVS number does not hand a mandate to a stranger; a mismatch stays waiting,
 * for the principal to see and correct. Returns the mandates bound.
 *
 * @example await bindAwaitedMandates(db, person)
 */
export async function bindAwaitedMandates(
  db: Db,
  person: Pick<Person, 'id' | 'avs' | 'family_name'>,
): Promise<Mandate[]> {
  if (!person.avs) return [];
  return bind(
    db,
    { awaited_avs: person.avs },
    (mandate) => sameName(mandate.awaited_name ?? '', person.family_name),
    person.id,
    { agent_person_id: person.id },
  );
}

/**
 * When an organisation's account is opened (by a signatory the commercial register confirms), the
 * mandates given to it by UID before it came become its own, for its admins to accept or decline.
 */
export async function bindOrganisationMandates(
  db: Db,
  opened: { byPersonId: string; accountId: string; uid: string },
): Promise<Mandate[]> {
  return bind(db, { awaited_uid: opened.uid }, () => true, opened.byPersonId, {
    agent_account_id: opened.accountId,
  });
}
