import { accountHeldBy, ensurePersonalAccount, openProfessionalAccount } from '../modules/accounts/index.ts';
import { getAuthorityBySlug } from '../modules/authorities/index.ts';
import {
  createPersonWithLink,
  findLink,
  personName,
  testPersons,
  upsertOrganisation,
} from '../modules/identity/index.ts';
import { createApiClient } from '../modules/integration/index.ts';
import { acceptMandate, proposeMandate } from '../modules/mandates/index.ts';
import type { Db } from '../platform/database/database.ts';
import { nameResponsible } from '../services/narcotics-statements/index.ts';
import { isProvisioned, provisionNarcoticsRegister } from '../simulators/narcotics-register/index.ts';

const SEED = 'cli:seed';

/** A test person of the development provider, created as at their first login if not yet known. */
async function testPerson(db: Db, sub: string): Promise<string> {
  const person = testPersons.find((p) => p.sub === sub);
  if (!person) throw new Error(`no test person ${sub}`);
  const link = await findLink(db, 'dev', sub);
  const personId =
    link?.person_id ??
    (
      await createPersonWithLink(
        db,
        {
          givenNames: person.givenNames,
          familyName: person.familyName,
          dateOfBirth: person.birthdate,
          avs: person.avs,
          // Unverified, as for anyone before they confirm it: the seed's own steps (the mandate) send
          // no e-mail.
          email: person.email,
          emailVerified: false,
          language: person.locale,
        },
        { provider: 'dev', subject: sub, level: 'high' },
      )
    ).person.id;
  await ensurePersonalAccount(
    db,
    personId,
    personName({ given_names: person.givenNames, family_name: person.familyName }),
  );
  return personId;
}

/**
 * The narcotics statements in the demo, set up as the health service and a pharmacy would: the
 * catalogue entry (theme "narcotics") comes with the demo catalogue and the cantonal pharmacist's
 * staff role with the demo staff; here Pharmacie de la Planta SA opens its account, mandates its
 * pharmacist Julie Crettenand and names her responsible pharmacist, and the health service gives its
 * narcotics register (a simulator) an API key.
 */
export async function seedNarcotics(db: Db): Promise<void> {
  const ssp = await getAuthorityBySlug(db, 'ssp');
  if (!ssp) return;
  const organisation = await upsertOrganisation(db, {
    uid: 'CHE526018151',
    name: 'Pharmacie de la Planta SA',
    legalForm: 'SA',
    seat: 'Sion',
    address: { street: 'Place de la Planta', houseNumber: '3', postcode: '1950', town: 'Sion' },
    signatories: [],
  });
  if (!(await accountHeldBy(db, { organisationId: organisation.id }))) {
    const owner = await testPerson(db, 'dev-helene-pitteloud');
    const pharmacist = await testPerson(db, 'dev-julie-crettenand');
    const accountId = await openProfessionalAccount(db, owner, {
      id: organisation.id,
      name: organisation.name,
    });
    const mandate = await proposeMandate(db, owner, 'single', {
      principalAccountId: accountId,
      agent: { personId: pharmacist },
      themes: ['narcotics'],
      permissions: ['consult', 'submit'],
      validFrom: '2026-01-01',
    });
    await acceptMandate(db, pharmacist, mandate.id);
    await nameResponsible(db, owner, accountId, pharmacist);
  }
  if (await isProvisioned(db)) return;
  const { key } = await createApiClient(db, SEED, {
    authorityId: ssp.id,
    name: 'Base de données des stupéfiants (simulateur)',
    scopes: ['narcotics:read', 'narcotics:write', 'webhooks:read', 'webhooks:write'],
    mode: 'test',
  });
  await provisionNarcoticsRegister(db, { apiKey: key });
}
