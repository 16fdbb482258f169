import type { FormDefinition } from '../../modules/forms/index.ts';

/**
 * The extract's form, as a designer builds it with the form generator: the extract is about the
 * account in use (the person logged in, or the organisation they sign for or represent), whose
 * identity comes from the login, so only the purpose is asked.
 */
export const debtExtractForm: FormDefinition = {
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
        {
          id: 'purpose',
          type: 'choice',
          label: { fr: 'Pour quoi ?', de: 'Wofür?', en: 'What for?' },
          hint: {
            fr: 'L’extrait porte sur le titulaire du compte utilisé : vous, ou l’entreprise pour laquelle vous agissez.',
            de: 'Der Auszug betrifft den Inhaber des verwendeten Kontos: Sie oder das Unternehmen, für das Sie handeln.',
            en: 'The extract is about the holder of the account in use: you, or the company you act for.',
          },
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
