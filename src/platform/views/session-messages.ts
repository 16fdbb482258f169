import { defineMessages } from '../i18n/messages.ts';

/** The idle time-out's warning and the page shown when a post came after its session ended. */
export const sessionMessages = defineMessages({
  fr: {
    endedTitle: 'Votre session a pris fin',
    endedBody:
      'Sans activité de votre part, votre session a pris fin pour votre sécurité. Ce que vous avez saisi est conservé : reconnectez-vous pour continuer, vous le retrouverez pour le vérifier avant de l’envoyer.',
    endedFiles: 'Les fichiers joints ne sont pas conservés : la page vous dira lesquels joindre à nouveau.',
    endedKeptFor: 'Ce que vous avez saisi est conservé pendant {minutes} minutes, pour vous seulement.',
    logInAgain: 'Se reconnecter',
    warningTitle: 'Votre session va prendre fin',
    warningIdle:
      'Votre session prendra fin {when} parce que vous êtes inactif ou inactive depuis un moment. Voulez-vous rester connecté·e ?',
    warningAbsolute:
      'Votre session prendra fin {when} : elle a atteint sa durée maximale. Enregistrez votre travail ; vous pourrez vous reconnecter ensuite.',
    stayLoggedIn: 'Rester connecté·e',
    endedNow: 'Reconnectez-vous pour continuer.',
    endedNowKept: 'Ce que vous avez saisi sur cette page sera conservé pour vous.',
    keptNotice:
      'Votre session avait pris fin : voici ce que vous aviez saisi. Vérifiez-le, puis continuez. Rien n’a encore été enregistré.',
    keptFiles: 'Joignez à nouveau le fichier « {fields} ».',
  },
  de: {
    endedTitle: 'Ihre Sitzung ist abgelaufen',
    endedBody:
      'Weil Sie eine Weile nicht aktiv waren, wurde Ihre Sitzung zu Ihrer Sicherheit beendet. Ihre Eingaben sind aufbewahrt: Melden Sie sich erneut an, um fortzufahren – Sie finden sie zum Prüfen vor dem Senden wieder.',
    endedFiles:
      'Angehängte Dateien werden nicht aufbewahrt: Die Seite sagt Ihnen, welche Sie erneut anhängen müssen.',
    endedKeptFor: 'Ihre Eingaben werden {minutes} Minuten lang aufbewahrt, nur für Sie.',
    logInAgain: 'Erneut anmelden',
    warningTitle: 'Ihre Sitzung läuft bald ab',
    warningIdle:
      'Ihre Sitzung endet {when}, weil Sie eine Weile nicht aktiv waren. Möchten Sie angemeldet bleiben?',
    warningAbsolute:
      'Ihre Sitzung endet {when}: Sie hat ihre Höchstdauer erreicht. Speichern Sie Ihre Arbeit; danach können Sie sich erneut anmelden.',
    stayLoggedIn: 'Angemeldet bleiben',
    endedNow: 'Melden Sie sich erneut an, um fortzufahren.',
    endedNowKept: 'Ihre Eingaben auf dieser Seite werden für Sie aufbewahrt.',
    keptNotice:
      'Ihre Sitzung war abgelaufen: Hier sind Ihre Eingaben. Prüfen Sie sie und fahren Sie dann fort. Noch wurde nichts gespeichert.',
    keptFiles: 'Hängen Sie die Datei «{fields}» erneut an.',
  },
  en: {
    endedTitle: 'Your session ended',
    endedBody:
      'You were inactive for a while, so your session ended for your security. What you entered is kept: log in again to continue, and you will find it to check before you send it.',
    endedFiles: 'Attached files are not kept: the page will tell you which ones to attach again.',
    endedKeptFor: 'What you entered is kept for {minutes} minutes, for you only.',
    logInAgain: 'Log in again',
    warningTitle: 'Your session is about to end',
    warningIdle:
      'Your session will end {when} because you have been inactive. Do you want to stay logged in?',
    warningAbsolute:
      'Your session will end {when}: it has reached its longest duration. Save your work; you can log in again afterwards.',
    stayLoggedIn: 'Stay logged in',
    endedNow: 'Log in again to continue.',
    endedNowKept: 'What you entered on this page will be kept for you.',
    keptNotice:
      'Your session had ended: here is what you entered. Check it, then continue. Nothing has been saved yet.',
    keptFiles: 'Attach the file “{fields}” again.',
  },
});
