import { defineMessages } from '../../platform/i18n/messages.ts';

/** The list of all the account's drafts, and the way to it from "my space". */
export const draftsMessages = defineMessages({
  fr: {
    allDraftsTitle: 'Vos brouillons',
    allDraftsLead:
      'Les formulaires que vous avez commencés dans ce compte et pas encore envoyés, le dernier modifié en premier.',
    allDraftsNone: 'Vous n’avez aucun formulaire en cours dans ce compte.',
    allDraftsBack: 'Retour à mon espace',
    allDraftsStart: 'Commencer une démarche',
    draftForm: 'Formulaire',
    draftChanged: 'Dernière modification',
    draftAction: 'Action',
    draftContinue: 'Continuer',
    draftContinueLabel: 'Continuer : {title}',
    draftUntitled: 'Formulaire sans titre',
    seeAllDrafts: 'Voir tous les brouillons ({count})',
  },
  de: {
    allDraftsTitle: 'Ihre Entwürfe',
    allDraftsLead:
      'Die Formulare, die Sie in diesem Konto begonnen und noch nicht gesendet haben, das zuletzt geänderte zuerst.',
    allDraftsNone: 'Sie haben in diesem Konto kein angefangenes Formular.',
    allDraftsBack: 'Zurück zu meinem Bereich',
    allDraftsStart: 'Dienstleistung starten',
    draftForm: 'Formular',
    draftChanged: 'Zuletzt geändert',
    draftAction: 'Aktion',
    draftContinue: 'Fortsetzen',
    draftContinueLabel: 'Fortsetzen: {title}',
    draftUntitled: 'Formular ohne Titel',
    seeAllDrafts: 'Alle Entwürfe anzeigen ({count})',
  },
  en: {
    allDraftsTitle: 'Your drafts',
    allDraftsLead: 'The forms you began in this account and have not sent yet, the latest changed first.',
    allDraftsNone: 'You have no form in progress in this account.',
    allDraftsBack: 'Back to my space',
    allDraftsStart: 'Start a procedure',
    draftForm: 'Form',
    draftChanged: 'Last changed',
    draftAction: 'Action',
    draftContinue: 'Continue',
    draftContinueLabel: 'Continue: {title}',
    draftUntitled: 'Untitled form',
    seeAllDrafts: 'See all drafts ({count})',
  },
});
