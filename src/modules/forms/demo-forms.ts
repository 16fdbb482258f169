import type { FormDefinition } from './definition.ts';

/** Who is asking, filled in from what the guichet knows of the person. */
const knownPerson: FormDefinition['steps'][number]['fields'] = [
  {
    id: 'givenNames',
    type: 'text',
    label: { fr: 'Prénom', de: 'Vorname', en: 'Given name' },
    required: true,
    prefill: 'person.givenNames',
  },
  {
    id: 'familyName',
    type: 'text',
    label: { fr: 'Nom', de: 'Nachname', en: 'Family name' },
    required: true,
    prefill: 'person.familyName',
  },
  {
    id: 'address',
    type: 'address',
    label: { fr: 'Adresse', de: 'Adresse', en: 'Address' },
    required: true,
    prefill: 'person.address',
  },
];

/** The demo's online procedure: Sion's dog registration, built only with the form generator. */
export const demoDogRegistration: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Enregistrement d’un chien', de: 'Hundeanmeldung', en: 'Dog registration' },
  steps: [
    {
      id: 'owner',
      title: { fr: 'Détenteur', de: 'Halter/in', en: 'Owner' },
      fields: [
        ...knownPerson,
        { id: 'phone', type: 'phone', label: { fr: 'Téléphone', de: 'Telefon', en: 'Phone' } },
      ],
    },
    {
      id: 'dogs',
      title: { fr: 'Vos chiens', de: 'Ihre Hunde', en: 'Your dogs' },
      fields: [
        {
          id: 'list',
          type: 'group',
          label: { fr: 'Chiens', de: 'Hunde', en: 'Dogs' },
          required: true,
          maxRows: 10,
          fields: [
            {
              id: 'name',
              type: 'text',
              label: { fr: 'Nom du chien', de: 'Name des Hundes', en: 'Dog’s name' },
              required: true,
            },
            {
              id: 'chip',
              type: 'text',
              label: { fr: 'Numéro de puce', de: 'Chipnummer', en: 'Microchip number' },
              required: true,
              pattern: '[0-9]{15}',
              hint: { fr: '15 chiffres', de: '15 Ziffern', en: '15 digits' },
            },
          ],
        },
        {
          id: 'fee',
          type: 'computed',
          label: { fr: 'Taxe annuelle', de: 'Jahressteuer', en: 'Yearly tax' },
          // CHF 100 for each dog listed above: the number of rows, counted by JSON Logic's reduce.
          expression: { '*': [{ reduce: [{ var: 'list' }, { '+': [{ var: 'accumulator' }, 1] }, 0] }, 100] },
          format: 'chf',
        },
        {
          id: 'working',
          type: 'yesno',
          label: {
            fr: 'S’agit-il de chiens de travail (agriculture, sauvetage) ?',
            de: 'Handelt es sich um Arbeitshunde (Landwirtschaft, Rettung)?',
            en: 'Are they working dogs (farming, rescue)?',
          },
          required: true,
        },
        {
          id: 'proof',
          type: 'file',
          label: { fr: 'Attestation d’activité', de: 'Tätigkeitsnachweis', en: 'Proof of activity' },
          required: true,
          showIf: { '==': [{ var: 'working' }, true] },
        },
      ],
    },
    {
      id: 'confirm',
      title: { fr: 'Confirmation', de: 'Bestätigung', en: 'Confirmation' },
      fields: [
        {
          id: 'insured',
          type: 'consent',
          label: {
            fr: 'Mes chiens sont assurés en responsabilité civile.',
            de: 'Meine Hunde sind haftpflichtversichert.',
            en: 'My dogs have liability insurance.',
          },
          required: true,
        },
        {
          id: 'insuranceCertificate',
          type: 'document',
          label: {
            fr: 'Attestation d’assurance responsabilité civile',
            de: 'Bescheinigung der Haftpflichtversicherung',
            en: 'Liability insurance certificate',
          },
          hint: {
            fr: 'Une photo de chaque page suffit ; vous pouvez la prendre avec votre téléphone.',
            de: 'Ein Foto jeder Seite genügt; Sie können es mit Ihrem Handy aufnehmen.',
            en: 'A photo of each page is enough; you can take it with your phone.',
          },
          maxPages: 4,
          grayscale: true,
        },
      ],
    },
  ],
};

/** The Service des poursuites' extract, asked online (the fee comes from the request's workflow). */
export const demoDebtExtract: FormDefinition = {
  format: 'guichet-form/1',
  title: {
    fr: 'Extrait du registre des poursuites',
    de: 'Auszug aus dem Betreibungsregister',
    en: 'Debt collection register extract',
  },
  steps: [
    {
      id: 'request',
      title: { fr: 'Votre demande', de: 'Ihr Gesuch', en: 'Your request' },
      fields: [
        ...knownPerson,
        {
          id: 'purpose',
          type: 'choice',
          label: { fr: 'Pour quoi ?', de: 'Wofür?', en: 'What for?' },
          required: true,
          options: [
            {
              value: 'renting',
              label: { fr: 'Louer un logement', de: 'Eine Wohnung mieten', en: 'Renting a home' },
            },
            { value: 'job', label: { fr: 'Un emploi', de: 'Eine Stelle', en: 'A job' } },
            { value: 'other', label: { fr: 'Autre', de: 'Anderes', en: 'Other' } },
          ],
        },
      ],
    },
  ],
};
