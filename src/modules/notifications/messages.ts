import { defineMessages } from '../../platform/i18n/messages.ts';

export const notificationMessages = defineMessages({
  fr: {
    devicesTitle: 'Notifications push',
    devicesLead:
      'Recevez sur cet appareil un avis quand un document ou un message vous attend. Le contenu reste dans le guichet.',
    devicesNone: 'Aucun appareil n’est abonné.',
    device: 'Appareil',
    subscribedOn: 'Abonné le',
    subscribe: 'Recevoir les notifications sur cet appareil',
    subscribeFailed: 'L’abonnement n’a pas abouti. Vérifiez que votre navigateur autorise les notifications.',
    subscribed: 'Cet appareil recevra les notifications.',
    unsubscribe: 'Retirer',
    unknownDevice: 'Appareil inconnu',
    pushTitle: 'Guichet numérique',
    pushBody: 'Un nouvel élément vous attend dans votre espace.',
  },
  de: {
    devicesTitle: 'Push-Mitteilungen',
    devicesLead:
      'Erhalten Sie auf diesem Gerät einen Hinweis, wenn ein Dokument oder eine Nachricht auf Sie wartet. Der Inhalt bleibt im Schalter.',
    devicesNone: 'Kein Gerät ist abonniert.',
    device: 'Gerät',
    subscribedOn: 'Abonniert am',
    subscribe: 'Mitteilungen auf diesem Gerät erhalten',
    subscribeFailed: 'Das Abonnement ist nicht gelungen. Prüfen Sie, ob Ihr Browser Mitteilungen erlaubt.',
    subscribed: 'Dieses Gerät erhält die Mitteilungen.',
    unsubscribe: 'Entfernen',
    unknownDevice: 'Unbekanntes Gerät',
    pushTitle: 'Digitaler Schalter',
    pushBody: 'In Ihrem Bereich wartet etwas Neues auf Sie.',
  },
  en: {
    devicesTitle: 'Push notifications',
    devicesLead:
      'Get a notice on this device when a document or a message awaits you. The content stays in the counter.',
    devicesNone: 'No device is subscribed.',
    device: 'Device',
    subscribedOn: 'Subscribed on',
    subscribe: 'Receive notifications on this device',
    subscribeFailed: 'Subscribing did not work. Check that your browser allows notifications.',
    subscribed: 'This device will receive notifications.',
    unsubscribe: 'Remove',
    unknownDevice: 'Unknown device',
    pushTitle: 'Digital counter',
    pushBody: 'Something new awaits you in your space.',
  },
});
