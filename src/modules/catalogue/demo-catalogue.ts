import type { ServiceContent } from './service-content.ts';

const none = { fr: '' };

/**
 * The demo catalogue: the canton's seven digital services of the plan (described before their online
 * procedures exist) and a few communal ones, so that browsing and search have real content.
 */
export const demoCatalogue: { slug: string; authority: string; content: ServiceContent }[] = [
  {
    slug: 'extrait-registre-poursuites',
    authority: 'spf',
    content: {
      name: {
        fr: 'Extrait du registre des poursuites',
        de: 'Auszug aus dem Betreibungsregister',
        en: 'Debt collection register extract',
      },
      summary: {
        fr: 'Obtenez l’extrait des poursuites d’une personne ou d’une entreprise, signé électroniquement.',
        de: 'Erhalten Sie den Betreibungsauszug einer Person oder eines Unternehmens, elektronisch signiert.',
        en: 'Get the debt collection extract of a person or a company, electronically sealed.',
      },
      description: {
        fr: 'L’extrait indique les poursuites en cours ou passées. Il est souvent demandé par une régie pour louer un logement ou par un employeur.\n\nVous recevez un PDF scellé avec un code QR de vérification, dans vos documents.',
        de: 'Der Auszug zeigt laufende oder vergangene Betreibungen. Vermieter und Arbeitgeber verlangen ihn oft.\n\nSie erhalten ein versiegeltes PDF mit einem QR-Prüfcode in Ihren Dokumenten.',
        en: 'The extract lists current and past debt collection proceedings. Landlords and employers often ask for it.\n\nYou receive a sealed PDF with a verification QR code, in your documents.',
      },
      requirements: {
        fr: 'Une identification vérifiée. Pour une entreprise : être signataire ou avoir une procuration.',
        de: 'Eine geprüfte Identität. Für ein Unternehmen: zeichnungsberechtigt sein oder eine Vollmacht haben.',
      },
      documentsIssued: {
        fr: 'Un extrait du registre des poursuites scellé électroniquement.',
        de: 'Ein elektronisch versiegelter Betreibungsregisterauszug.',
      },
      audiences: ['person', 'organisation', 'representative'],
      feeCents: 1700,
      processingDays: null,
      level: 'substantial',
      online: true,
      theme: 'debtCollection',
      topics: ['debts'],
      lifeEvents: ['renting', 'startingBusiness'],
    },
  },
  {
    slug: 'documents-dossier-fiscal',
    authority: 'scc',
    content: {
      name: {
        fr: 'Documents de mon dossier fiscal',
        de: 'Dokumente meines Steuerdossiers',
        en: 'My tax file documents',
      },
      summary: {
        fr: 'Consultez les décisions de taxation, bordereaux et décomptes des deux dernières années.',
        de: 'Sehen Sie Veranlagungsverfügungen, Rechnungen und Abrechnungen der letzten zwei Jahre ein.',
        en: 'See the tax assessments, bills and statements of the last two years.',
      },
      description: {
        fr: 'Les documents récents de votre dossier fiscal sont consultables directement. Les plus anciens se demandent en ligne et arrivent ensuite dans vos documents.\n\nUne fiduciaire peut les consulter pour vous avec une procuration « Impôts ».',
        de: 'Die neueren Dokumente Ihres Steuerdossiers sind direkt einsehbar. Ältere können online bestellt werden und kommen danach in Ihre Dokumente.\n\nEine Treuhand kann sie mit einer Vollmacht «Steuern» für Sie einsehen.',
      },
      requirements: none,
      documentsIssued: none,
      audiences: ['person', 'organisation', 'representative'],
      feeCents: null,
      processingDays: null,
      level: 'substantial',
      online: true,
      theme: 'tax',
      topics: ['taxes'],
      lifeEvents: [],
    },
  },
  {
    slug: 'situation-fiscale',
    authority: 'scc',
    content: {
      name: { fr: 'Ma situation fiscale', de: 'Meine Steuersituation', en: 'My tax situation' },
      summary: {
        fr: 'Périodes, montants facturés, payés et ouverts, rappels et acomptes d’impôts en un tableau.',
        de: 'Perioden, fakturierte, bezahlte und offene Beträge, Mahnungen und Raten der Steuern in einer Tabelle.',
        en: 'Periods, amounts invoiced, paid and outstanding, reminders and tax instalments in one table.',
      },
      description: {
        fr: 'Un résumé à jour du compte de contribuable, pour les personnes physiques et morales.',
        de: 'Eine aktuelle Übersicht des Steuerkontos, für natürliche und juristische Personen.',
      },
      requirements: none,
      documentsIssued: none,
      audiences: ['person', 'organisation', 'representative'],
      feeCents: null,
      processingDays: null,
      level: 'substantial',
      online: true,
      theme: 'tax',
      topics: ['taxes'],
      lifeEvents: [],
    },
  },
  {
    slug: 'donnees-professionnels-sante',
    authority: 'ssp',
    content: {
      name: {
        fr: 'Changement de coordonnées – professionnels et institutions de santé',
        de: 'Mutationsmeldung – Gesundheitsfachpersonen und -institutionen',
        en: 'Change of contact details – health professionals and institutions',
      },
      summary: {
        fr: 'Annoncez un changement d’adresse, de lieu de pratique ou de contact au registre cantonal.',
        de: 'Melden Sie eine Änderung von Adresse, Praxisort oder Kontakt an das kantonale Register.',
        en: 'Report a change of address, practice location or contact to the cantonal register.',
      },
      description: {
        fr: 'Le Service de la santé publique valide le changement avant de l’inscrire au registre.',
        de: 'Die Dienststelle für Gesundheitswesen prüft die Änderung, bevor sie ins Register eingetragen wird.',
      },
      requirements: none,
      documentsIssued: none,
      audiences: ['person', 'organisation', 'representative'],
      feeCents: null,
      processingDays: 5,
      level: 'substantial',
      online: true,
      theme: 'healthRegister',
      topics: ['health'],
      lifeEvents: ['healthProfession', 'moving'],
    },
  },
  {
    slug: 'etat-mensuel-stupefiants',
    authority: 'ssp',
    content: {
      name: {
        fr: 'État mensuel des stupéfiants (traitements de substitution)',
        de: 'Monatliche Betäubungsmittelmeldung (Substitutionsbehandlungen)',
        en: 'Monthly narcotics statement (substitution treatments)',
      },
      summary: {
        fr: 'Les pharmacies annoncent chaque mois les patients et les quantités délivrées.',
        de: 'Apotheken melden jeden Monat die Patientinnen, Patienten und abgegebenen Mengen.',
        en: 'Pharmacies report each month the patients and the quantities delivered.',
      },
      description: {
        fr: 'Saisie en ligne ou import d’un tableur, contrôles automatiques, rappels avant l’échéance. Le pharmacien cantonal reçoit les états validés.',
        de: 'Online-Erfassung oder Import einer Tabelle, automatische Kontrollen, Erinnerungen vor dem Termin. Die Kantonsapothekerin erhält die geprüften Meldungen.',
      },
      requirements: {
        fr: 'Une procuration « Stupéfiants » de la pharmacie pour les pharmaciens qui font l’annonce.',
        de: 'Eine Vollmacht «Betäubungsmittel» der Apotheke für die meldenden Apothekerinnen und Apotheker.',
      },
      documentsIssued: none,
      audiences: ['organisation', 'representative'],
      feeCents: null,
      processingDays: null,
      level: 'substantial',
      online: true,
      theme: 'narcotics',
      topics: ['health', 'business'],
      lifeEvents: [],
    },
  },
  {
    slug: 'autorisation-de-pratiquer',
    authority: 'ssp',
    content: {
      name: {
        fr: 'Autorisation de pratiquer une profession de la santé',
        de: 'Berufsausübungsbewilligung für Gesundheitsberufe',
        en: 'Authorisation to practise a health profession',
      },
      summary: {
        fr: 'Demandez l’autorisation de pratiquer et celle de facturer à l’assurance obligatoire des soins.',
        de: 'Beantragen Sie die Berufsausübungsbewilligung und die Zulassung zur Abrechnung mit der Grundversicherung.',
        en: 'Apply for the authorisation to practise and to bill the compulsory health insurance.',
      },
      description: {
        fr: 'Environ 500 demandes par an. Le dossier complet, avec les diplômes numérisés, est examiné puis les autorisations sont délivrées dans vos documents.',
        de: 'Rund 500 Gesuche pro Jahr. Das vollständige Dossier mit den gescannten Diplomen wird geprüft, danach erhalten Sie die Bewilligungen in Ihren Dokumenten.',
      },
      requirements: {
        fr: 'Diplômes et reconnaissances, extrait du casier judiciaire, certificat médical.',
        de: 'Diplome und Anerkennungen, Strafregisterauszug, Arztzeugnis.',
      },
      documentsIssued: {
        fr: 'L’autorisation de pratiquer et l’autorisation de facturer, scellées électroniquement.',
        de: 'Die Berufsausübungsbewilligung und die Abrechnungszulassung, elektronisch versiegelt.',
      },
      audiences: ['person', 'representative'],
      feeCents: 30000,
      processingDays: 20,
      level: 'high',
      online: true,
      theme: 'authorisations',
      topics: ['health'],
      lifeEvents: ['healthProfession'],
    },
  },
  {
    slug: 'enregistrement-chien-sion',
    authority: 'sion',
    content: {
      name: { fr: 'Enregistrement d’un chien', de: 'Hundeanmeldung', en: 'Dog registration' },
      summary: {
        fr: 'Annoncez votre chien à la commune de Sion et payez la taxe annuelle.',
        de: 'Melden Sie Ihren Hund bei der Gemeinde Sitten an und bezahlen Sie die Jahressteuer.',
        en: 'Register your dog with the commune of Sion and pay the yearly tax.',
      },
      description: {
        fr: 'Tout chien de plus de trois mois doit être annoncé. La médaille vous est envoyée par la poste.',
        de: 'Jeder Hund über drei Monate muss angemeldet werden. Die Marke wird Ihnen per Post geschickt.',
      },
      requirements: {
        fr: 'Le numéro de puce électronique (Amicus) et l’attestation d’assurance responsabilité civile.',
        de: 'Die Mikrochipnummer (Amicus) und der Nachweis der Haftpflichtversicherung.',
      },
      documentsIssued: none,
      audiences: ['person'],
      feeCents: 10000,
      processingDays: 5,
      level: 'low',
      online: true,
      theme: 'communal',
      topics: ['animals'],
      lifeEvents: ['gettingPet', 'moving'],
    },
  },
  {
    slug: 'attestation-domicile-sion',
    authority: 'sion',
    content: {
      name: { fr: 'Attestation de domicile', de: 'Wohnsitzbestätigung', en: 'Certificate of residence' },
      summary: {
        fr: 'Une attestation officielle de votre domicile à Sion.',
        de: 'Eine amtliche Bestätigung Ihres Wohnsitzes in Sitten.',
      },
      description: {
        fr: 'Le contrôle des habitants établit l’attestation et la dépose dans vos documents.',
        de: 'Die Einwohnerkontrolle stellt die Bestätigung aus und legt sie in Ihre Dokumente.',
      },
      requirements: none,
      documentsIssued: { fr: 'Une attestation de domicile.', de: 'Eine Wohnsitzbestätigung.' },
      audiences: ['person'],
      feeCents: 2000,
      processingDays: 2,
      level: 'substantial',
      online: false,
      theme: 'communal',
      topics: ['residence'],
      lifeEvents: ['moving'],
    },
  },
  {
    slug: 'reservation-salles-sion',
    authority: 'sion',
    content: {
      name: {
        fr: 'Réservation d’une salle ou de matériel',
        de: 'Reservation eines Saals oder von Material',
        en: 'Booking a hall or equipment',
      },
      summary: {
        fr: 'Réservez une salle de la commune de Sion ou du matériel de fête, et payez en ligne.',
        de: 'Reservieren Sie einen Saal der Gemeinde Sitten oder Festmaterial und bezahlen Sie online.',
        en: 'Book a hall of the commune of Sion or festival equipment, and pay online.',
      },
      description: {
        fr: 'Choisissez la salle et le créneau dans le calendrier des disponibilités. Les habitants de Sion paient le tarif résident ; certaines salles sont confirmées par la commune.',
        de: 'Wählen Sie Saal und Zeitfenster im Verfügbarkeitskalender. Einwohnerinnen und Einwohner von Sitten bezahlen den Einwohnertarif; einige Säle bestätigt die Gemeinde.',
        en: 'Choose the hall and the time slot in the availability calendar. Residents of Sion pay the resident rate; some halls are confirmed by the commune.',
      },
      requirements: none,
      documentsIssued: {
        fr: 'Une confirmation de réservation.',
        de: 'Eine Reservationsbestätigung.',
        en: 'A booking confirmation.',
      },
      audiences: ['person', 'organisation'],
      feeCents: null,
      processingDays: null,
      level: 'low',
      online: true,
      theme: 'communal',
      topics: ['leisure'],
      lifeEvents: [],
    },
  },
  {
    slug: 'reservation-saal-brig-glis',
    authority: 'brig-glis',
    content: {
      name: {
        fr: 'Réservation d’une salle communale',
        de: 'Reservation eines Gemeindesaals',
        en: 'Booking a community hall',
      },
      summary: {
        de: 'Reservieren Sie einen Saal der Gemeinde Brig-Glis für Ihren Anlass.',
        fr: 'Réservez une salle de la commune de Brigue-Glis pour votre événement.',
      },
      description: {
        de: 'Wählen Sie Saal und Datum; die Gemeinde bestätigt die Reservation und stellt die Miete in Rechnung.',
        fr: 'Choisissez la salle et la date ; la commune confirme la réservation et facture la location.',
      },
      requirements: none,
      documentsIssued: { fr: 'Une confirmation de réservation.', de: 'Eine Reservationsbestätigung.' },
      audiences: ['person', 'organisation'],
      feeCents: 5000,
      processingDays: 3,
      level: 'low',
      online: true,
      theme: 'communal',
      topics: ['leisure'],
      lifeEvents: [],
    },
  },
  {
    slug: 'carte-dechetterie-sierre',
    authority: 'sierre',
    content: {
      name: {
        fr: 'Carte d’accès à la déchetterie',
        de: 'Zutrittskarte für den Werkhof',
        en: 'Recycling centre access card',
      },
      summary: {
        fr: 'Commandez la carte qui ouvre la déchetterie de Sierre.',
        de: 'Bestellen Sie die Karte für die Abfallsammelstelle von Siders.',
      },
      description: {
        fr: 'Une carte par ménage, envoyée par la poste.',
        de: 'Eine Karte pro Haushalt, per Post zugestellt.',
      },
      requirements: none,
      documentsIssued: none,
      audiences: ['person'],
      feeCents: null,
      processingDays: 5,
      level: 'low',
      online: false,
      theme: 'communal',
      topics: ['environment'],
      lifeEvents: ['moving'],
    },
  },
];

/** Words that mean the same across the canton's languages. */
export const demoSynonyms: string[][] = [
  ['poursuites', 'poursuite', 'betreibung', 'betreibungen'],
  ['impots', 'impot', 'steuern', 'steuer', 'taxes'],
  ['chien', 'hund'],
  ['dechets', 'dechetterie', 'abfall', 'werkhof'],
  ['stupefiants', 'betaubungsmittel', 'narcotics'],
];
