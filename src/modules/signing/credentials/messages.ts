import { defineMessages } from '../../../platform/i18n/messages.ts';

export const credentialMessages = defineMessages({
  fr: {
    walletTitle: 'Attestations pour votre e-ID',
    walletLead:
      'Ces documents existent aussi comme attestations vérifiables : ajoutez-les à votre portefeuille avec l’application swiyu, en scannant leur code depuis un ordinateur ou directement sur votre téléphone.',
    walletQr: 'Code QR de l’attestation {title}',
    walletOpen: 'Ajouter à l’application swiyu sur cet appareil',
    walletPending: 'En préparation…',
    walletRevoked: 'Révoquée par l’autorité',
    walletSerial: 'N° {serial}',
    walletSeeAll: 'Voir toutes les attestations ({count})',
    walletNone: 'Aucun document de ce compte n’existe comme attestation pour votre e-ID.',
    walletBack: 'Retour à mon espace',
  },
  de: {
    walletTitle: 'Bescheinigungen für Ihre E-ID',
    walletLead:
      'Diese Dokumente gibt es auch als überprüfbare Bescheinigungen: Fügen Sie sie mit der swiyu-App Ihrer Wallet hinzu – am Computer durch Scannen ihres Codes oder direkt auf Ihrem Telefon.',
    walletQr: 'QR-Code der Bescheinigung {title}',
    walletOpen: 'Zur swiyu-App auf diesem Gerät hinzufügen',
    walletPending: 'In Vorbereitung …',
    walletRevoked: 'Von der Behörde widerrufen',
    walletSerial: 'Nr. {serial}',
    walletSeeAll: 'Alle Bescheinigungen anzeigen ({count})',
    walletNone: 'Noch kein Dokument dieses Kontos ist als Bescheinigung für Ihre E-ID erhältlich.',
    walletBack: 'Zurück zu meinem Bereich',
  },
  en: {
    walletTitle: 'Attestations for your e-ID',
    walletLead:
      'These documents also exist as verifiable attestations: add them to your wallet with the swiyu app, by scanning their code from a computer or directly on your phone.',
    walletQr: 'QR code of the attestation {title}',
    walletOpen: 'Add to the swiyu app on this device',
    walletPending: 'Being prepared…',
    walletRevoked: 'Revoked by the authority',
    walletSerial: 'No. {serial}',
    walletSeeAll: 'See all attestations ({count})',
    walletNone: 'No document of this account is available as an attestation for your e-ID yet.',
    walletBack: 'Back to my space',
  },
});
