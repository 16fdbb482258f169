import { defaultWorkflow, type Workflow } from '../../modules/cases/index.ts';
import type { StaffRole } from '../../platform/http/access.ts';

const clerks: StaffRole[] = ['agent', 'authorityAdmin'];
/** The fee the office asks, in centimes; the designer changes it in the workflow's fee step. */
export const extractFeeCents = 1700;

/**
 * The extract's workflow: the fee first (online or QR-bill); once paid the register answers through
 * the API within seconds — issued at once when clear, `manual_check` when a homonym makes it unsure,
 * from which an agent tells the register whether the homonym's entries are the requester's. The
 * register application knows these status names (src/simulators/debt-register).
 */
export const debtExtractWorkflow: Workflow = {
  ...defaultWorkflow,
  initial: 'awaiting_fee',
  statuses: {
    ...defaultWorkflow.statuses,
    awaiting_fee: {
      staffLabel: { fr: 'Attend l’émolument', de: 'Wartet auf die Gebühr', en: 'Awaiting the fee' },
      citizenLabel: { fr: 'Émolument à payer', de: 'Gebühr zu bezahlen', en: 'Fee to pay' },
      withdrawable: true,
      payment: {
        amountCents: extractFeeCents,
        purpose: {
          fr: 'Extrait du registre des poursuites',
          de: 'Betreibungsregisterauszug',
          en: 'Debt register extract',
        },
        paidTo: 'submitted',
      },
    },
    submitted: {
      citizenLabel: {
        fr: 'Payée, extrait en préparation',
        de: 'Bezahlt, Auszug in Vorbereitung',
        en: 'Paid, extract being prepared',
      },
      staffLabel: {
        fr: 'Au registre (automatique)',
        de: 'Im Register (automatisch)',
        en: 'At the register (automatic)',
      },
    },
    manual_check: {
      citizenLabel: {
        fr: 'En vérification à l’office',
        de: 'In Prüfung beim Amt',
        en: 'Being checked by the office',
      },
      staffLabel: { fr: 'Homonyme à vérifier', de: 'Namensgleichheit prüfen', en: 'Homonym to check' },
      notify: true,
    },
    homonym_excluded: {
      staffLabel: {
        fr: 'Homonyme écarté, extrait en cours',
        de: 'Namensvetter ausgeschlossen, Auszug folgt',
        en: 'Homonym excluded, extract under way',
      },
    },
    homonym_confirmed: {
      staffLabel: {
        fr: 'Inscriptions confirmées, extrait en cours',
        de: 'Einträge bestätigt, Auszug folgt',
        en: 'Entries confirmed, extract under way',
      },
    },
    granted: {
      citizenLabel: { fr: 'Extrait délivré', de: 'Auszug ausgestellt', en: 'Extract issued' },
      staffLabel: { fr: 'Extrait délivré', de: 'Auszug ausgestellt', en: 'Extract issued' },
      notify: true,
    },
  },
  transitions: [
    ...defaultWorkflow.transitions,
    {
      from: 'submitted',
      to: 'manual_check',
      roles: clerks,
      label: { fr: 'Vérifier manuellement', de: 'Manuell prüfen', en: 'Check manually' },
    },
    {
      from: 'manual_check',
      to: 'homonym_excluded',
      roles: clerks,
      label: {
        fr: 'Personne différente : délivrer sans ces inscriptions',
        de: 'Andere Person: ohne diese Einträge ausstellen',
        en: 'Another person: issue without these entries',
      },
    },
    {
      from: 'manual_check',
      to: 'homonym_confirmed',
      roles: clerks,
      label: {
        fr: 'Même personne : délivrer avec ces inscriptions',
        de: 'Dieselbe Person: mit diesen Einträgen ausstellen',
        en: 'Same person: issue with these entries',
      },
    },
  ],
};
