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
  const { avs } = person;
  if (!avs) return [];
  return db.transaction().execute(async (tx) => {
    const waiting = await tablesOf<MandatesTables>(tx)
      .selectFrom('mandates')
      .selectAll()
      .where('awaited_avs', '=', avs)
      .where('state', '=', 'proposed')
      .forUpdate()
      .execute();
    const bound: Mandate[] = [];
    for (const mandate of waiting) {
      if (!sameName(mandate.awaited_family_name ?? '', person.family_name)) continue;
      const event = {
        actor: `person:${person.id}`,
        onBehalfOf: `account:${mandate.principal_account_id}`,
        action: 'mandate.bind',
        subjectType: 'mandate',
        subjectId: mandate.id,
        details: {},
      };
      const updated = await auditedTx(tx, event, (tx) =>
        tablesOf<MandatesTables>(tx)
          .updateTable('mandates')
          .set({ agent_person_id: person.id, awaited_avs: null, awaited_family_name: null })
          .where('id', '=', mandate.id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      // Like any proposal, the agent answers only once the principal's signatures suffice.
      if (approvalsSuffice(await signaturesOf(tx, mandate.id)))
        await tell(tx, 'agent', updated, 'mandateToApprove', 'bound');
      bound.push(updated);
    }
    return bound;
  });
}
