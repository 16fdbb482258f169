import type { Workflow } from '../../modules/cases/index.ts';
import { defaultWorkflow } from '../../modules/cases/index.ts';
import type { FormDefinition } from '../../modules/forms/index.ts';

/** What an announcement may change in a register entry: the rows of the change form's table. */
export const changeItems = [
  { value: 'address', label: { fr: 'Adresse du cabinet', de: 'Praxisadresse', en: 'Practice address' } },
  { value: 'phone', label: { fr: 'Téléphone', de: 'Telefon', en: 'Phone' } },
  { value: 'email', label: { fr: 'Courriel', de: 'E-Mail', en: 'E-mail' } },
  { value: 'languages', label: { fr: 'Langues', de: 'Sprachen', en: 'Languages' } },
  {
    value: 'newSite',
    label: { fr: 'Nouveau lieu de pratique', de: 'Neuer Praxisstandort', en: 'New practice site' },
  },
] as const;

/**
 * The announcement of a change, built in the form generator: whose entry (GLN, or the institution's
 * UID), and a table of the register's values beside the new ones — which is what the health service
 * reads on the request. Started from the person's register page, it comes filled with the entry.
 */
export const changeForm: FormDefinition = {
  format: 'guichet-form/1',
  title: {
    fr: 'Annonce de modification au registre des professionnels de la santé',
    de: 'Mutationsmeldung an das Register der Gesundheitsfachpersonen',
    en: 'Change notice to the register of health professionals',
  },
  steps: [
    {
      id: 'entry',
      title: { fr: 'Vos données au registre', de: 'Ihre Registerdaten', en: 'Your register data' },
      fields: [
        {
          id: 'gln',
          type: 'text',
          label: { fr: 'Numéro GLN', de: 'GLN-Nummer', en: 'GLN number' },
          pattern: '7601[0-9]{9}',
          requiredIf: { '!': [{ var: 'uid' }] },
        },
        {
          id: 'uid',
          type: 'uid',
          label: { fr: 'Numéro IDE de l’institution', de: 'UID der Institution', en: 'Institution’s UID' },
          prefill: 'organisation.uid',
        },
        {
          id: 'changes',
          type: 'group',
          label: { fr: 'Données annoncées', de: 'Gemeldete Daten', en: 'Data announced' },
          hint: {
            fr: 'Modifiez la nouvelle valeur de ce qui change ; une adresse s’écrit « rue et numéro, NPA localité ».',
            de: 'Ändern Sie den neuen Wert dessen, was sich ändert; eine Adresse lautet «Strasse Nr., PLZ Ort».',
            en: 'Change the new value of what changes; an address reads “street and number, postcode town”.',
          },
          required: true,
          maxRows: 10,
          fields: [
            {
              id: 'item',
              type: 'choice',
              label: { fr: 'Donnée', de: 'Angabe', en: 'Item' },
              required: true,
              options: changeItems.map((item) => ({ value: item.value, label: item.label })),
            },
            {
              id: 'current',
              type: 'text',
              label: { fr: 'Valeur au registre', de: 'Wert im Register', en: 'Value in the register' },
            },
            {
              id: 'proposed',
              type: 'text',
              label: { fr: 'Nouvelle valeur', de: 'Neuer Wert', en: 'New value' },
            },
          ],
        },
      ],
    },
  ],
};

const staff: Workflow['transitions'][number]['roles'] = ['agent', 'authorityAdmin'];
const accept = {
  fr: 'Accepter et inscrire au registre',
  de: 'Annehmen und ins Register eintragen',
  en: 'Accept and enter in the register',
};

/**
 * Reviewed by the health service: `accepted` is what the register follows (through webhooks) to
 * write the change; a refusal is a decision like any other.
 */
export const changeWorkflow: Workflow = {
  ...defaultWorkflow,
  statuses: {
    ...defaultWorkflow.statuses,
    accepted: {
      citizenLabel: { fr: 'Acceptée', de: 'Angenommen', en: 'Accepted' },
      staffLabel: {
        fr: 'Acceptée : au registre',
        de: 'Angenommen: ins Register',
        en: 'Accepted: to the register',
      },
      notify: true,
    },
  },
  transitions: [
    ...defaultWorkflow.transitions,
    { from: 'submitted', to: 'accepted', roles: staff, label: accept },
    { from: 'in_progress', to: 'accepted', roles: staff, label: accept },
    { from: 'accepted', to: 'closed', roles: staff, label: { fr: 'Clore', de: 'Abschliessen', en: 'Close' } },
  ],
};
