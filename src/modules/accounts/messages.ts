import { defineMessages } from '../../platform/i18n/messages.ts';

export const accountMessages = defineMessages({
  fr: {
    accountsTitle: 'Mes comptes',
    accountsLead:
      'Choisissez le compte avec lequel vous faites vos démarches. Chaque compte a ses propres documents, messages et demandes.',
    accountCurrent: 'Compte utilisé',
    accountUse: 'Utiliser ce compte',
    accountKindPersonal: 'Compte personnel',
    accountKindProfessional: 'Compte professionnel',
    roleAdmin: 'administrateur',
    roleMember: 'membre',
    organisationsTitle: 'Vos entreprises au registre du commerce',
    organisationsLead:
      'Vous avez le droit de signature pour ces entreprises : vous pouvez ouvrir leur compte professionnel.',
    organisationOpen: 'Ouvrir le compte professionnel de {name}',
    organisationsNone: 'Le registre du commerce ne vous connaît comme signataire d’aucune entreprise.',
    registerUnavailable: 'Le registre du commerce ne répond pas pour le moment. Réessayez plus tard.',
    switched: 'Vous utilisez maintenant le compte « {name} ».',
    identitiesLink: 'Gérer mes moyens d’identification',
  },
  de: {
    accountsTitle: 'Meine Konten',
    accountsLead:
      'Wählen Sie das Konto, mit dem Sie Ihre Behördengänge erledigen. Jedes Konto hat eigene Dokumente, Nachrichten und Gesuche.',
    accountCurrent: 'Verwendetes Konto',
    accountUse: 'Dieses Konto verwenden',
    accountKindPersonal: 'Persönliches Konto',
    accountKindProfessional: 'Geschäftskonto',
    roleAdmin: 'Administrator',
    roleMember: 'Mitglied',
    organisationsTitle: 'Ihre Unternehmen im Handelsregister',
    organisationsLead:
      'Sie sind für diese Unternehmen zeichnungsberechtigt: Sie können ihr Geschäftskonto eröffnen.',
    organisationOpen: 'Geschäftskonto von {name} eröffnen',
    organisationsNone: 'Das Handelsregister führt Sie bei keinem Unternehmen als zeichnungsberechtigt.',
    registerUnavailable: 'Das Handelsregister antwortet zurzeit nicht. Versuchen Sie es später erneut.',
    switched: 'Sie verwenden jetzt das Konto «{name}».',
    identitiesLink: 'Meine Identifikationsmittel verwalten',
  },
  en: {
    accountsTitle: 'My accounts',
    accountsLead:
      'Choose the account you do your procedures with. Each account has its own documents, messages and requests.',
    accountCurrent: 'Account in use',
    accountUse: 'Use this account',
    accountKindPersonal: 'Personal account',
    accountKindProfessional: 'Business account',
    roleAdmin: 'administrator',
    roleMember: 'member',
    organisationsTitle: 'Your companies in the commercial register',
    organisationsLead: 'You may sign for these companies: you can open their business account.',
    organisationOpen: 'Open the business account of {name}',
    organisationsNone: 'The commercial register does not list you as a signatory of any company.',
    registerUnavailable: 'The commercial register is not answering at the moment. Please try again later.',
    switched: 'You are now using the account “{name}”.',
    identitiesLink: 'Manage my identity means',
  },
});
