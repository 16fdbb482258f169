import { defineMessages } from '../../platform/i18n/messages.ts';

export const integrationMessages = defineMessages({
  fr: {
    referenceTitle: 'API de Guichet : référence',
    referenceIntro:
      'Les applications métier des autorités utilisent cette API avec une clé API ou un jeton OAuth 2 (client credentials). Le document OpenAPI 3.1 complet :',
    scope: 'Portée requise',
    parameters: 'Paramètres',
    requestBody: 'Corps de la requête (JSON)',
    responses: 'Réponses',
    problems: 'Types de problèmes',
    problemsIntro:
      'Chaque erreur est un « problem details » (RFC 9457) ; son champ code est l’un de ceux-ci :',
    required: 'requis',
  },
  de: {
    referenceTitle: 'Guichet-API: Referenz',
    referenceIntro:
      'Die Fachanwendungen der Behörden nutzen diese API mit einem API-Schlüssel oder einem OAuth-2-Token (Client Credentials). Das vollständige OpenAPI-3.1-Dokument:',
    scope: 'Benötigter Geltungsbereich',
    parameters: 'Parameter',
    requestBody: 'Anfrageinhalt (JSON)',
    responses: 'Antworten',
    problems: 'Problemtypen',
    problemsIntro:
      'Jeder Fehler ist ein «Problem Details»-Objekt (RFC 9457); sein Feld code ist einer dieser Werte:',
    required: 'erforderlich',
  },
  en: {
    referenceTitle: 'Guichet API reference',
    referenceIntro:
      'The authorities’ business applications use this API with an API key or an OAuth 2 token (client credentials). The whole OpenAPI 3.1 document:',
    scope: 'Scope needed',
    parameters: 'Parameters',
    requestBody: 'Request body (JSON)',
    responses: 'Responses',
    problems: 'Problem types',
    problemsIntro: 'Every error is a problem details object (RFC 9457); its code is one of these:',
    required: 'required',
  },
});
