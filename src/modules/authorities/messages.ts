import { defineMessages } from '../../platform/i18n/messages.ts';

export const authorityMessages = defineMessages({
  fr: {
    brandingTitle: 'Identité visuelle de {authority}',
    brandingLead: 'Ces couleurs s’appliquent à toutes les pages du guichet de {authority}.',
    primaryColour: 'Couleur principale (en-tête)',
    primaryTextColour: 'Couleur du texte de l’en-tête',
    accentColour: 'Couleur de la barre de navigation',
    colourHint: 'Format #rrggbb, par exemple #b4001e',
    colourFormat: 'Saisissez une couleur au format #rrggbb',
    colourContrast:
      'Contraste insuffisant ({ratio}:1) : il faut au moins 4,5:1 pour que le texte reste lisible',
    save: 'Enregistrer',
    brandingSaved: 'Les nouvelles couleurs sont enregistrées.',
  },
  de: {
    brandingTitle: 'Erscheinungsbild von {authority}',
    brandingLead: 'Diese Farben gelten für alle Seiten des Schalters von {authority}.',
    primaryColour: 'Hauptfarbe (Kopfzeile)',
    primaryTextColour: 'Textfarbe der Kopfzeile',
    accentColour: 'Farbe der Navigationsleiste',
    colourHint: 'Format #rrggbb, zum Beispiel #b4001e',
    colourFormat: 'Geben Sie eine Farbe im Format #rrggbb ein',
    colourContrast:
      'Kontrast ungenügend ({ratio}:1): mindestens 4,5:1 ist nötig, damit der Text lesbar bleibt',
    save: 'Speichern',
    brandingSaved: 'Die neuen Farben sind gespeichert.',
  },
  en: {
    brandingTitle: 'Visual identity of {authority}',
    brandingLead: 'These colours apply to every page of the counter of {authority}.',
    primaryColour: 'Main colour (header)',
    primaryTextColour: 'Header text colour',
    accentColour: 'Navigation bar colour',
    colourHint: 'Format #rrggbb, for example #b4001e',
    colourFormat: 'Enter a colour in the format #rrggbb',
    colourContrast: 'Not enough contrast ({ratio}:1): at least 4.5:1 is needed for the text to stay readable',
    save: 'Save',
    brandingSaved: 'The new colours are saved.',
  },
});
