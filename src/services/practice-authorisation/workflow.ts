import { defaultWorkflow, type Workflow } from '../../modules/cases/index.ts';

const staff: Workflow['transitions'][number]['roles'] = ['agent', 'authorityAdmin'];

/**
 * The authorisation to practise, issued as the decision's letter: the clerk decides "granted" with
 * this template, and Guichet issues it sealed with its verification QR code into the applicant's
 * documents. A wallet credential of the same authorisation (e-ID) is issued from the same decision.
 */
export const practiceAuthorisationLetter = {
  title: {
    fr: 'Autorisation de pratiquer',
    de: 'Berufsausübungsbewilligung',
    en: 'Authorisation to practise',
  },
  // Checked as an authorisation, and offered into the e-ID wallet (the seed's `ssp` setting).
  issuedAs: 'authorisation' as const,
  text: {
    fr: 'Sion, le {date}\n\nLe Service de la santé publique du canton du Valais, vu la loi fédérale sur les professions médicales, la loi fédérale sur les professions de la santé et la loi cantonale sur la santé, et l’examen du dossier {reference} déposé le {submitted}, autorise {requester} à pratiquer sa profession sous sa propre responsabilité professionnelle sur le territoire du canton.\n\nL’autorisation est inscrite au registre cantonal des professionnels de la santé. Elle est personnelle et intransmissible ; tout changement de lieu de pratique est annoncé au service.',
    de: 'Sitten, {date}\n\nDie Dienststelle für Gesundheitswesen des Kantons Wallis erteilt, gestützt auf das Medizinalberufegesetz, das Gesundheitsberufegesetz und das kantonale Gesundheitsgesetz und nach Prüfung des am {submitted} eingereichten Dossiers {reference}, {requester} die Bewilligung, den Beruf in eigener fachlicher Verantwortung im Kanton auszuüben.\n\nDie Bewilligung ist im kantonalen Register der Gesundheitsfachpersonen eingetragen. Sie ist persönlich und nicht übertragbar; jeder Wechsel des Praxisorts ist der Dienststelle zu melden.',
    en: 'Sion, {date}\n\nThe Public Health Service of the canton of Valais, under the federal acts on the medical and health professions and the cantonal health act, having examined application {reference} filed on {submitted}, authorises {requester} to practise their profession on their own professional responsibility in the canton.\n\nThe authorisation is entered in the cantonal register of health professionals. It is personal and not transferable; any change of practice location is to be reported to the service.',
  },
};

/** The authorisation to bill the compulsory health insurance, issued on entering `billing_authorised`. */
export const billingAuthorisationLetter = {
  title: {
    fr: 'Autorisation de pratiquer à la charge de l’assurance obligatoire des soins',
    de: 'Zulassung zur Tätigkeit zulasten der obligatorischen Krankenpflegeversicherung',
    en: 'Authorisation to bill the compulsory health insurance',
  },
  text: {
    fr: 'Sion, le {date}\n\nLe Service de la santé publique du canton du Valais, vu les articles 35 et suivants de la loi fédérale sur l’assurance-maladie (LAMal) et le dossier {reference}, admet {requester} à pratiquer à la charge de l’assurance obligatoire des soins dans le canton.\n\nL’admission est inscrite au registre cantonal des professionnels de la santé et communiquée aux assureurs.',
    de: 'Sitten, {date}\n\nDie Dienststelle für Gesundheitswesen des Kantons Wallis lässt, gestützt auf die Artikel 35 ff. des Bundesgesetzes über die Krankenversicherung (KVG) und das Dossier {reference}, {requester} zur Tätigkeit zulasten der obligatorischen Krankenpflegeversicherung im Kanton zu.\n\nDie Zulassung ist im kantonalen Register der Gesundheitsfachpersonen eingetragen und wird den Versicherern mitgeteilt.',
    en: 'Sion, {date}\n\nThe Public Health Service of the canton of Valais, under articles 35 ff. of the federal health insurance act (KVG/LAMal) and application {reference}, admits {requester} to practise at the expense of the compulsory health insurance in the canton.\n\nThe admission is entered in the cantonal register of health professionals and communicated to the insurers.',
  },
};

/**
 * The procedure as the health service designs it: the fee first (CHF 300, as the catalogue
 * announces), then review with complements, the decision with the authorisation to practise, and —
 * a second step by a clerk, for those who asked — the authorisation to bill the compulsory health
 * insurance. The health register follows `granted` and `billing_authorised` through webhooks.
 */
export const practiceAuthorisationWorkflow: Workflow = {
  ...defaultWorkflow,
  initial: 'awaiting_fee',
  statuses: {
    ...defaultWorkflow.statuses,
    awaiting_fee: {
      staffLabel: { fr: 'Attend l’émolument', de: 'Wartet auf die Gebühr', en: 'Awaiting the fee' },
      citizenLabel: { fr: 'Émolument à payer', de: 'Gebühr zu bezahlen', en: 'Fee to pay' },
      withdrawable: true,
      payment: {
        amountCents: 30000,
        purpose: {
          fr: 'Autorisation de pratiquer une profession de la santé',
          de: 'Berufsausübungsbewilligung',
          en: 'Authorisation to practise a health profession',
        },
        paidTo: 'submitted',
      },
    },
    granted: {
      ...defaultWorkflow.statuses.granted,
      staffLabel: {
        fr: 'Autorisation de pratiquer délivrée',
        de: 'Berufsausübungsbewilligung erteilt',
        en: 'Authorisation to practise issued',
      },
      letter: practiceAuthorisationLetter,
    },
    billing_authorised: {
      citizenLabel: {
        fr: 'Autorisations délivrées',
        de: 'Bewilligungen erteilt',
        en: 'Authorisations issued',
      },
      staffLabel: {
        fr: 'Autorisation de facturer (LAMal) délivrée',
        de: 'Zulassung KVG erteilt',
        en: 'Billing authorisation issued',
      },
      notify: true,
      letter: billingAuthorisationLetter,
    },
  },
  transitions: [
    ...defaultWorkflow.transitions,
    {
      from: 'granted',
      to: 'billing_authorised',
      roles: staff,
      label: {
        fr: 'Délivrer l’autorisation de facturer (LAMal)',
        de: 'Zulassung KVG erteilen',
        en: 'Issue the billing authorisation',
      },
    },
    {
      from: 'billing_authorised',
      to: 'closed',
      roles: staff,
      label: { fr: 'Clore', de: 'Abschliessen', en: 'Close' },
    },
  ],
};
