import { ensurePersonalAccount } from '../modules/accounts/index.ts';
import {
  countAuthorities,
  demoAuthorities,
  getAuthorityBySlug,
  grantStaffRole,
  upsertAuthority,
} from '../modules/authorities/index.ts';
import { defaultWorkflow, saveWorkflow } from '../modules/cases/index.ts';
import {
  addSynonyms,
  createService,
  demoCatalogue,
  demoSynonyms,
  getService,
  getServiceEntry,
  listSynonyms,
  publishVersion,
  saveVersion,
} from '../modules/catalogue/index.ts';
import { createForm, demoDogRegistration, publishForm } from '../modules/forms/index.ts';
import {
  createPersonWithLink,
  findLink,
  personName,
  setPlatformAdmin,
  testStaff,
} from '../modules/identity/index.ts';
import type { Db } from '../platform/database/database.ts';

const SEED = 'cli:seed';

/** Loads the demo data; safe to run again (authorities by slug, people by their test identity). */
export async function seedDemo(db: Db): Promise<void> {
  for (const authority of demoAuthorities) await upsertAuthority(db, SEED, authority);
  for (const staff of testStaff) {
    const link = await findLink(db, 'dev', staff.sub);
    const personId =
      link?.person_id ??
      (
        await createPersonWithLink(
          db,
          {
            givenNames: staff.givenNames,
            familyName: staff.familyName,
            dateOfBirth: staff.birthdate,
            avs: staff.avs,
            email: staff.email,
            emailVerified: true,
            language: staff.locale,
          },
          { provider: 'dev', subject: staff.sub, level: 'high' },
        )
      ).person.id;
    await ensurePersonalAccount(
      db,
      personId,
      personName({ given_names: staff.givenNames, family_name: staff.familyName }),
    );
    for (const { authority, role } of staff.roles) {
      const found = await getAuthorityBySlug(db, authority);
      if (found) await grantStaffRole(db, SEED, { authorityId: found.id, personId, role });
    }
    if (staff.platformAdmin) await setPlatformAdmin(db, SEED, personId, true);
  }
  for (const { slug, authority, content } of demoCatalogue) {
    const owner = await getAuthorityBySlug(db, authority);
    if (!owner || (await getService(db, { slug }))) continue;
    const service = await createService(db, SEED, { authorityId: owner.id, slug, content });
    await publishVersion(db, SEED, service, 1);
  }
  // Sion's dog registration runs online, on a form built with the generator.
  const dogs = await getServiceEntry(db, { slug: 'enregistrement-chien-sion' }, 'published');
  if (dogs && !dogs.content.formId) {
    const form = await createForm(db, SEED, {
      authorityId: dogs.authorityId,
      name: demoDogRegistration.title.fr,
      definition: demoDogRegistration,
    });
    await publishForm(db, SEED, form);
    // The commune asks its dog tax as soon as the registration arrives; paid, it goes to its staff.
    await saveWorkflow(db, SEED, form.id, {
      ...defaultWorkflow,
      initial: 'awaiting_fee',
      statuses: {
        ...defaultWorkflow.statuses,
        awaiting_fee: {
          staffLabel: { fr: 'Attend la taxe', de: 'Wartet auf die Steuer', en: 'Awaiting the tax' },
          citizenLabel: { fr: 'Taxe à payer', de: 'Steuer zu bezahlen', en: 'Tax to pay' },
          withdrawable: true,
          // CHF 100 a dog, as the form computes it (its `fee` field).
          payment: {
            amountField: 'fee',
            purpose: { fr: 'Taxe des chiens', de: 'Hundesteuer', en: 'Dog tax' },
            paidTo: 'submitted',
          },
        },
      },
    });
    await publishVersion(
      db,
      SEED,
      dogs,
      await saveVersion(db, SEED, dogs, { ...dogs.content, formId: form.id }),
    );
  }
  if ((await listSynonyms(db)).length === 0)
    for (const terms of demoSynonyms) await addSynonyms(db, SEED, terms);
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await countAuthorities(db)) === 0;
}
