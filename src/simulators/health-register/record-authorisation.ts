import type { Db } from '../../platform/database/database.ts';
import { isGln } from './gln.ts';
import { register } from './store.ts';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Records an authorisation the health service granted on a request: the authorisation to practise
 * enters the professional in the register (or updates the entry their GLN already has), the
 * authorisation to bill the compulsory health insurance is added to it. Once per request and kind: a
 * delivery again changes nothing. Returns the GLN, or undefined when the request names no valid one.
 */
export async function recordAuthorisation(
  db: Db,
  kind: 'practice' | 'billing',
  request: { id: string; reference: string; avs: string | null; answers: Record<string, unknown> },
): Promise<string | undefined> {
  const { answers } = request;
  const gln = text(answers.gln);
  if (!isGln(gln)) return undefined;
  const today = new Date().toISOString().slice(0, 10);
  await db.transaction().execute(async (tx) => {
    const item = kind === 'practice' ? 'practiceAuthorisation' : 'billingAuthorisation';
    const done = await register(tx)
      .selectFrom('simulator_health_register_changes')
      .select('id')
      .where('request_id', '=', request.id)
      .where('item', '=', item)
      .executeTakeFirst();
    if (done) return;
    const address = (answers.practiceAddress ?? {}) as Record<string, unknown>;
    const languages = Array.isArray(answers.languages) ? answers.languages.map(String) : [];
    const authorisation =
      kind === 'practice'
        ? { practice_authorised_on: today, practice_reference: request.reference }
        : { billing_authorised_on: today, billing_reference: request.reference };
    await register(tx)
      .insertInto('simulator_health_professionals')
      .values({
        gln,
        avs: request.avs,
        given_names: text(answers.givenNames),
        family_name: text(answers.familyName),
        profession: text(answers.profession),
        street: [text(address.street), text(address.houseNumber)].filter(Boolean).join(' '),
        postcode: text(address.postcode),
        town: text(address.town),
        phone: text(answers.phone) || null,
        email: text(answers.email) || null,
        languages,
        sites: [],
        ...authorisation,
      })
      .onConflict((oc) => oc.column('gln').doUpdateSet(authorisation))
      .execute();
    await register(tx)
      .insertInto('simulator_health_register_changes')
      .values({
        entry: `gln:${gln}`,
        item,
        old_value: null,
        new_value: `${today} (${request.reference})`,
        request_id: request.id,
        reference: request.reference,
      })
      .execute();
  });
  return gln;
}
