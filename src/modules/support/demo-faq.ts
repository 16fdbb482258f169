import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { addFaqEntry } from './faq.ts';
import type { SupportTables } from './tables.ts';

const demoFaq: { serviceSlug: string | null; question: LocalisedText; answer: LocalisedText }[] = [
  {
    serviceSlug: null,
    question: {
      fr: 'Comment me connecter au guichet ?',
      de: 'Wie melde ich mich am Schalter an?',
      en: 'How do I log in to the portal?',
    },
    answer: {
      fr: 'Choisissez « Se connecter » en haut de la page, puis votre moyen d’identification (e-ID, identifiant du canton ou e-mail et mot de passe).',
      de: 'Wählen Sie oben auf der Seite «Anmelden» und dann Ihr Identifikationsmittel (E-ID, Login des Kantons oder E-Mail und Passwort).',
      en: 'Choose “Log in” at the top of the page, then your means of identification (e-ID, the canton’s login, or e-mail and password).',
    },
  },
  {
    serviceSlug: null,
    question: {
      fr: 'Où trouver les documents reçus ?',
      de: 'Wo finde ich die erhaltenen Dokumente?',
      en: 'Where are the documents I received?',
    },
    answer: {
      fr: 'Dans votre espace, sous « Documents » : chaque document porte un code QR qui permet d’en vérifier l’authenticité.',
      de: 'In Ihrem Bereich unter «Dokumente»: Jedes Dokument trägt einen QR-Code, mit dem seine Echtheit geprüft werden kann.',
      en: 'In your space, under “Documents”: each document carries a QR code with which its authenticity can be checked.',
    },
  },
  {
    serviceSlug: 'enregistrement-chien-sion',
    question: {
      fr: 'Combien coûte l’enregistrement d’un chien ?',
      de: 'Was kostet die Registrierung eines Hundes?',
      en: 'How much does registering a dog cost?',
    },
    answer: {
      fr: 'La taxe est calculée selon le nombre de chiens et payée en ligne à la fin de la démarche.',
      de: 'Die Gebühr richtet sich nach der Anzahl Hunde und wird am Ende des Verfahrens online bezahlt.',
      en: 'The fee depends on the number of dogs and is paid online at the end of the procedure.',
    },
  },
  {
    serviceSlug: 'extrait-registre-poursuites',
    question: {
      fr: 'En combien de temps reçoit-on l’extrait des poursuites ?',
      de: 'Wie schnell erhält man den Betreibungsregisterauszug?',
      en: 'How soon does the debt-collection extract arrive?',
    },
    answer: {
      fr: 'Une fois l’émolument payé, l’extrait arrive en général dans les deux jours ouvrables dans vos documents.',
      de: 'Nach Bezahlung der Gebühr erscheint der Auszug in der Regel innert zwei Arbeitstagen in Ihren Dokumenten.',
      en: 'Once the fee is paid, the extract usually arrives in your documents within two working days.',
    },
  },
];

/** The demo's frequently asked questions; only once (the seed may run again). */
export async function seedDemoFaq(db: Db): Promise<void> {
  const any = await tablesOf<SupportTables>(db).selectFrom('support_faq').select('id').executeTakeFirst();
  if (any) return;
  for (const [position, entry] of demoFaq.entries())
    await addFaqEntry(db, 'cli:seed', { ...entry, position });
}
