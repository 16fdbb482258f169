import { ensurePersonalAccount } from '../modules/accounts/index.ts';
import {
  countAuthorities,
  demoAuthorities,
  forgetAuthorities,
  getAuthorityBySlug,
  grantStaffRole,
  upsertAuthority,
} from '../modules/authorities/index.ts';
import { createResource, resourcesOf } from '../modules/booking/index.ts';
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
import { createForm, demoDogRegistration, type FormDefinition, publishForm } from '../modules/forms/index.ts';
import {
  createPersonWithLink,
  findLink,
  personName,
  setPlatformAdmin,
  testStaff,
} from '../modules/identity/index.ts';
import { createApiClient } from '../modules/integration/index.ts';
import { demoPaymentSettings, savePaymentSettings } from '../modules/payments/index.ts';
import { enableWalletCredential } from '../modules/signing/index.ts';
import { seedDemoFaq } from '../modules/support/index.ts';
import type { MasterKey } from '../platform/crypto/master-keys.ts';
import { type Db, withUnflushedCommits } from '../platform/database/database.ts';
import type { LocalisedText } from '../platform/i18n/locales.ts';
import { setUpDebtExtract } from '../services/debt-extract/index.ts';
import { setUpTaxFile } from '../services/tax-file/index.ts';
import { isProvisioned, provisionCommunalErp } from '../simulators/communal-erp/index.ts';
import { isDebtRegisterProvisioned, provisionDebtRegister } from '../simulators/debt-register/index.ts';
import { isTaxSystemProvisioned, provisionTaxSystem } from '../simulators/tax-system/index.ts';
import { seedHealthServices } from './demo-health.ts';
import { seedNarcotics } from './demo-narcotics.ts';

const SEED = 'cli:seed';

/**
 * Loads the demo data; safe to run again (authorities by slug, people by their test identity). With
 * the master keys, the canton and Sion also get their own merchants (secrets are sealed with them).
 */
export async function seedDemo(db: Db, keys?: MasterKey[]): Promise<void> {
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
  // Two services run online, on forms built with the generator; each asks its fee on arrival and,
  // once paid, goes to the authority's staff.
  await onlineService(db, 'enregistrement-chien-sion', demoDogRegistration, {
    label: { fr: 'Taxe à payer', de: 'Steuer zu bezahlen', en: 'Tax to pay' },
    purpose: { fr: 'Taxe des chiens', de: 'Hundesteuer', en: 'Dog tax' },
    amount: { amountField: 'fee' }, // CHF 100 a dog, as the form computes it
    // The canton's own fee for the dog database, asked in the same step and paid to the canton.
    otherFees: [
      {
        authority: 'valais',
        amountCents: 2500,
        purpose: {
          fr: 'Émolument cantonal de la banque de données des chiens',
          de: 'Kantonale Gebühr der Hundedatenbank',
          en: 'Cantonal dog database fee',
        },
      },
    ],
  });
  await provisionDebtRegisterApp(db, await setUpDebtExtract(db, SEED));
  await provisionTaxSystemApp(db, await setUpTaxFile(db, SEED));
  for (const { authority, settings } of keys ? demoPaymentSettings : []) {
    const found = await getAuthorityBySlug(db, authority);
    if (found) await savePaymentSettings(db, keys ?? [], SEED, found.id, settings);
  }
  if ((await listSynonyms(db)).length === 0)
    for (const terms of demoSynonyms) await addSynonyms(db, SEED, terms);
  await provisionDogRegister(db);
  await seedNarcotics(db);
  await seedDemoFaq(db);
  await seedSionRooms(db);
  await seedHealthServices(db, SEED);
  // Services no form expresses: their catalogue entries lead to the portal's own pages.
  for (const [slug, path] of pagesOfServices) await leadToPage(db, slug, path);
  await issueIntoWallets(db);
}

/**
 * The debt-collection extract and the authorisation to practise also go into the e-ID wallet, as the
 * credential types the canton's swiyu-issuer offers (the simulator's, in the demo).
 */
async function issueIntoWallets(db: Db) {
  for (const [authority, issuedType, configurationId] of [
    ['spf', 'extract', 'debt-collection-extract'],
    ['ssp', 'authorisation', 'authorisation-to-practise'],
  ] as const) {
    const found = await getAuthorityBySlug(db, authority);
    if (found)
      await enableWalletCredential(db, { authorityId: found.id, issuedType, configurationId, actor: SEED });
  }
}

/**
 * Sion's communal ERP (a simulator) gets an API key for the dog registrations, as Sion's IT would
 * give it; it subscribes to their webhooks itself, through the API, once Guichet listens.
 */
async function provisionDogRegister(db: Db) {
  const sion = await getAuthorityBySlug(db, 'sion');
  const formId = (await getServiceEntry(db, { slug: 'enregistrement-chien-sion' }, 'published'))?.content
    .formId;
  if (!sion || !formId || (await isProvisioned(db))) return;
  const { key } = await createApiClient(db, SEED, {
    authorityId: sion.id,
    name: 'ERP communal (simulateur)',
    scopes: ['requests:read', 'requests:write', 'webhooks:read', 'webhooks:write'],
    mode: 'test',
  });
  await provisionCommunalErp(db, { apiKey: key, formId });
}

/**
 * The debt-collection office's register application (a simulator) gets its API key — to read the
 * extract's requests, look requesters up and issue the extract — and subscribes itself once Guichet listens.
 */
async function provisionDebtRegisterApp(db: Db, formId: string | undefined) {
  const spf = await getAuthorityBySlug(db, 'spf');
  if (!spf || !formId || (await isDebtRegisterProvisioned(db))) return;
  const { key } = await createApiClient(db, SEED, {
    authorityId: spf.id,
    name: 'Registre des poursuites (simulateur)',
    scopes: [
      'requests:read',
      'requests:write',
      'persons:read',
      'organisations:read',
      'documents:issue',
      'webhooks:read',
      'webhooks:write',
    ],
    mode: 'test',
  });
  await provisionDebtRegister(db, { apiKey: key, formId });
}

/**
 * The cantonal tax system (a simulator) gets its API key — to read older-documents requests and
 * publish the documents found — and subscribes itself once Guichet listens.
 */
async function provisionTaxSystemApp(db: Db, formId: string | undefined) {
  const scc = await getAuthorityBySlug(db, 'scc');
  if (!scc || !formId || (await isTaxSystemProvisioned(db))) return;
  const { key } = await createApiClient(db, SEED, {
    authorityId: scc.id,
    name: 'Système fiscal cantonal (simulateur)',
    scopes: ['requests:read', 'requests:write', 'documents:write', 'webhooks:read', 'webhooks:write'],
    mode: 'test',
  });
  await provisionTaxSystem(db, { apiKey: key, formId });
}

const pagesOfServices = [
  ['reservation-salles-sion', '/booking/sion'],
  ['etat-mensuel-stupefiants', '/narcotics'],
  ['documents-dossier-fiscal', '/tax/documents'],
] as const;

/** Publishes a version of the entry whose online procedure is a page of the portal, as its designer would. */
async function leadToPage(db: Db, slug: string, startPath: string) {
  const service = await getServiceEntry(db, { slug }, 'published');
  if (!service || service.content.startPath === startPath) return;
  const content = { ...service.content, online: true, startPath };
  await publishVersion(db, SEED, service, await saveVersion(db, SEED, service, content));
}

/** Puts a catalogue service online: its form, and a workflow that first asks the fee. */
async function onlineService(
  db: Db,
  slug: string,
  definition: FormDefinition,
  fee: {
    label: LocalisedText;
    purpose: LocalisedText;
    amount: { amountCents: number } | { amountField: string };
    otherFees?: { authority: string; amountCents: number; purpose: LocalisedText }[];
  },
) {
  const service = await getServiceEntry(db, { slug }, 'published');
  if (!service || service.content.formId) return;
  const form = await createForm(db, SEED, {
    authorityId: service.authorityId,
    name: definition.title.fr,
    definition,
  });
  await publishForm(db, SEED, form);
  await saveWorkflow(db, SEED, form.id, {
    ...defaultWorkflow,
    initial: 'awaiting_fee',
    statuses: {
      ...defaultWorkflow.statuses,
      awaiting_fee: {
        staffLabel: { fr: 'Attend l’émolument', de: 'Wartet auf die Gebühr', en: 'Awaiting the fee' },
        citizenLabel: fee.label,
        withdrawable: true,
        payment: {
          ...fee.amount,
          purpose: fee.purpose,
          paidTo: 'submitted',
          ...(fee.otherFees ? { otherFees: fee.otherFees } : {}),
        },
      },
    },
  });
  await publishVersion(
    db,
    SEED,
    service,
    await saveVersion(db, SEED, service, { ...service.content, formId: form.id }),
  );
}

/**
 * `seedDemo` on a connection of its own whose commits do not wait for the WAL flush (a tenth of a
 * second of a cold start), for the database `url` that `db` also reads. `db` kept a snapshot of the
 * authorities when it looked whether the database was empty: it is dropped, or for a few seconds the
 * demo applications would find no Sion and pages no canton.
 */
export async function seedDemoQuickly(url: string, db: Db, keys?: MasterKey[]): Promise<void> {
  await withUnflushedCommits(url, (seeding) => seedDemo(seeding, keys));
  forgetAuthorities(db);
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await countAuthorities(db)) === 0;
}

/** Sion lends a hall and festival equipment through the booking module (issue 23). */
async function seedSionRooms(db: Db) {
  const sion = await getAuthorityBySlug(db, 'sion');
  if (!sion || (await resourcesOf(db, sion.id, false)).length > 0) return;
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '22:00' }));
  await createResource(db, SEED, sion.id, {
    kind: 'hall',
    name: { fr: 'Salle de la Matze', de: 'Matze-Saal', en: 'Matze hall' },
    description: {
      fr: 'Grande salle avec scène, cuisine et vestiaires.',
      de: 'Grosser Saal mit Bühne, Küche und Garderoben.',
      en: 'Large hall with a stage, kitchen and cloakrooms.',
    },
    capacity: 300,
    openingHours: [...weekdays, { weekday: 6, from: '09:00', to: '23:00' }],
    slotMinutes: 60,
    priceResidentCents: 4000,
    priceOtherCents: 7000,
    residentPostcodes: ['1950', '1951', '1958', '1962', '1967'],
    minNoticeHours: 48,
    maxDurationMinutes: 480,
    freeCancellationHours: 72,
    needsApproval: true,
  });
  await createResource(db, SEED, sion.id, {
    kind: 'room',
    name: {
      fr: 'Salle de réunion du Grand-Pont',
      de: 'Sitzungszimmer Grand-Pont',
      en: 'Grand-Pont meeting room',
    },
    capacity: 20,
    openingHours: weekdays,
    slotMinutes: 60,
    priceResidentCents: 1500,
    priceOtherCents: 2500,
    residentPostcodes: ['1950', '1951', '1958', '1962', '1967'],
    minNoticeHours: 24,
    maxDurationMinutes: 240,
    freeCancellationHours: 48,
    needsApproval: false,
  });
}
