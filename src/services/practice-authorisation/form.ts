import type { FormDefinition } from '../../modules/forms/index.ts';

type Fields = FormDefinition['steps'][number]['fields'];
type Profession = 'physician' | 'pharmacist' | 'dentist' | 'midwife' | 'physiotherapist' | 'nurse';

/** The professions the Service de la santé publique authorises (federal medical and health professions acts). */
export const professions: { value: Profession; label: { fr: string; de: string; en: string } }[] = [
  { value: 'physician', label: { fr: 'Médecin', de: 'Ärztin / Arzt', en: 'Physician' } },
  { value: 'pharmacist', label: { fr: 'Pharmacien·ne', de: 'Apothekerin / Apotheker', en: 'Pharmacist' } },
  { value: 'dentist', label: { fr: 'Médecin-dentiste', de: 'Zahnärztin / Zahnarzt', en: 'Dentist' } },
  { value: 'midwife', label: { fr: 'Sage-femme', de: 'Hebamme', en: 'Midwife' } },
  {
    value: 'physiotherapist',
    label: { fr: 'Physiothérapeute', de: 'Physiotherapeutin / Physiotherapeut', en: 'Physiotherapist' },
  },
  { value: 'nurse', label: { fr: 'Infirmier·ère', de: 'Pflegefachperson', en: 'Nurse' } },
];

/** A scanned document the application must carry, only when `showIf` holds if given. */
function document(
  id: string,
  label: FormDefinition['title'],
  more: { hint?: FormDefinition['title']; showIf?: unknown } = {},
): Fields[number] {
  return { id, type: 'document', label, ...more, required: true, maxPages: 10, grayscale: true };
}

/**
 * The application for an authorisation to practise, as the health service builds it in the form
 * generator: the profession first, then the documents that profession needs (a postgraduate title
 * for the universitary medical professions, a recognition for a foreign diploma), each scanned or
 * photographed into a PDF, and whether the authorisation to bill the compulsory health insurance is
 * asked as well.
 */
export const practiceAuthorisationForm: FormDefinition = {
  format: 'guichet-form/1',
  title: {
    fr: 'Autorisation de pratiquer une profession de la santé',
    de: 'Berufsausübungsbewilligung für Gesundheitsberufe',
    en: 'Authorisation to practise a health profession',
  },
  steps: [
    {
      id: 'occupation',
      title: { fr: 'Votre profession', de: 'Ihr Beruf', en: 'Your profession' },
      fields: [
        {
          id: 'profession',
          type: 'choice',
          label: { fr: 'Profession', de: 'Beruf', en: 'Profession' },
          required: true,
          options: professions,
        },
        {
          id: 'gln',
          type: 'text',
          label: { fr: 'Numéro GLN', de: 'GLN-Nummer', en: 'GLN number' },
          hint: {
            fr: '13 chiffres commençant par 7601, attribués par le registre fédéral (MedReg, NAREG, PsyReg)',
            de: '13 Ziffern, beginnend mit 7601, vom eidgenössischen Register vergeben (MedReg, NAREG, PsyReg)',
            en: '13 digits starting with 7601, given by the federal register (MedReg, NAREG, PsyReg)',
          },
          required: true,
          pattern: '7601[0-9]{9}',
        },
        {
          id: 'foreignDiploma',
          type: 'yesno',
          label: {
            fr: 'Votre diplôme a-t-il été obtenu à l’étranger ?',
            de: 'Haben Sie Ihr Diplom im Ausland erworben?',
            en: 'Was your diploma obtained abroad?',
          },
          required: true,
        },
        {
          id: 'billing',
          type: 'yesno',
          label: {
            fr: 'Demandez-vous aussi l’autorisation de facturer à la charge de l’assurance obligatoire des soins ?',
            de: 'Beantragen Sie auch die Zulassung zur Abrechnung zulasten der obligatorischen Krankenpflegeversicherung?',
            en: 'Do you also apply for the authorisation to bill the compulsory health insurance?',
          },
          required: true,
        },
      ],
    },
    {
      id: 'practice',
      title: { fr: 'Votre pratique', de: 'Ihre Praxis', en: 'Your practice' },
      fields: [
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
          id: 'practiceAddress',
          type: 'address',
          label: { fr: 'Adresse du cabinet', de: 'Praxisadresse', en: 'Practice address' },
          required: true,
        },
        {
          id: 'phone',
          type: 'phone',
          label: { fr: 'Téléphone du cabinet', de: 'Praxistelefon', en: 'Practice phone' },
        },
        {
          id: 'email',
          type: 'email',
          label: { fr: 'Courriel', de: 'E-Mail', en: 'E-mail' },
          required: true,
          prefill: 'person.email',
        },
        {
          id: 'languages',
          type: 'multichoice',
          label: {
            fr: 'Langues de consultation',
            de: 'Sprachen der Konsultation',
            en: 'Consultation languages',
          },
          required: true,
          options: [
            { value: 'fr', label: { fr: 'Français', de: 'Französisch', en: 'French' } },
            { value: 'de', label: { fr: 'Allemand', de: 'Deutsch', en: 'German' } },
            { value: 'it', label: { fr: 'Italien', de: 'Italienisch', en: 'Italian' } },
            { value: 'en', label: { fr: 'Anglais', de: 'Englisch', en: 'English' } },
          ],
        },
      ],
    },
    {
      id: 'documents',
      title: { fr: 'Vos documents', de: 'Ihre Unterlagen', en: 'Your documents' },
      fields: [
        document('diploma', { fr: 'Diplôme', de: 'Diplom', en: 'Diploma' }),
        document(
          'recognition',
          {
            fr: 'Reconnaissance du diplôme (MEBEKO, CRS)',
            de: 'Anerkennung des Diploms (MEBEKO, SRK)',
            en: 'Recognition of the diploma (MEBEKO, SRC)',
          },
          { showIf: { '==': [{ var: 'foreignDiploma' }, true] } },
        ),
        document(
          'postgraduateTitle',
          {
            fr: 'Titre postgrade fédéral',
            de: 'Eidgenössischer Weiterbildungstitel',
            en: 'Federal postgraduate title',
          },
          {
            hint: {
              fr: 'Médecins, pharmaciens et médecins-dentistes exerçant sous leur propre responsabilité',
              de: 'Für Ärzte, Apotheker und Zahnärzte in eigener fachlicher Verantwortung',
              en: 'For physicians, pharmacists and dentists practising on their own responsibility',
            },
            showIf: { in: [{ var: 'profession' }, ['physician', 'pharmacist', 'dentist']] },
          },
        ),
        document('insurance', {
          fr: 'Attestation d’assurance responsabilité civile professionnelle',
          de: 'Bestätigung der Berufshaftpflichtversicherung',
          en: 'Professional liability insurance certificate',
        }),
        document('criminalRecord', {
          fr: 'Extrait du casier judiciaire (moins de 3 mois)',
          de: 'Strafregisterauszug (weniger als 3 Monate alt)',
          en: 'Criminal record extract (less than 3 months old)',
        }),
        document('goodStanding', {
          fr: 'Certificate of good standing (attestation de bonne conduite professionnelle)',
          de: 'Certificate of Good Standing (Unbedenklichkeitsbescheinigung)',
          en: 'Certificate of good standing',
        }),
        document('identity', {
          fr: 'Pièce d’identité (passeport ou carte d’identité)',
          de: 'Ausweis (Pass oder Identitätskarte)',
          en: 'Identity document (passport or identity card)',
        }),
      ],
    },
    {
      id: 'confirm',
      title: { fr: 'Confirmation', de: 'Bestätigung', en: 'Confirmation' },
      fields: [
        {
          id: 'truthful',
          type: 'consent',
          label: {
            fr: 'Je confirme l’exactitude de ces informations et n’ai fait l’objet d’aucune interdiction de pratiquer.',
            de: 'Ich bestätige die Richtigkeit dieser Angaben; gegen mich besteht kein Berufsverbot.',
            en: 'I confirm that this information is accurate and that I am not banned from practising.',
          },
          required: true,
        },
      ],
    },
  ],
};
