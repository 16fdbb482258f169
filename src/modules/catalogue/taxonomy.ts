import type { LocalisedText } from '../../platform/i18n/locales.ts';

/** The themes people browse by; a service has one or more. */
export const topics = {
  taxes: { fr: 'Impôts', de: 'Steuern', en: 'Taxes' },
  debts: { fr: 'Poursuites et faillites', de: 'Betreibungen und Konkurse', en: 'Debt collection' },
  health: { fr: 'Santé', de: 'Gesundheit', en: 'Health' },
  business: { fr: 'Entreprises', de: 'Unternehmen', en: 'Businesses' },
  residence: { fr: 'Habitants', de: 'Einwohner', en: 'Residents' },
  animals: { fr: 'Animaux', de: 'Tiere', en: 'Animals' },
  leisure: { fr: 'Loisirs et salles', de: 'Freizeit und Räume', en: 'Leisure and rooms' },
  environment: { fr: 'Environnement et déchets', de: 'Umwelt und Abfall', en: 'Environment and waste' },
} as const satisfies Record<string, LocalisedText>;
export type Topic = keyof typeof topics;

/** The moments of life people start from, rather than from an authority's organisation chart. */
export const lifeEvents = {
  moving: { fr: 'Je déménage', de: 'Ich ziehe um', en: 'I am moving' },
  startingBusiness: {
    fr: 'Je crée une entreprise',
    de: 'Ich gründe ein Unternehmen',
    en: 'I am starting a business',
  },
  birth: { fr: 'Naissance d’un enfant', de: 'Geburt eines Kindes', en: 'A child is born' },
  renting: { fr: 'Je loue un logement', de: 'Ich miete eine Wohnung', en: 'I am renting a home' },
  healthProfession: {
    fr: 'J’exerce une profession de la santé',
    de: 'Ich arbeite in einem Gesundheitsberuf',
    en: 'I work in a health profession',
  },
  gettingPet: { fr: 'J’accueille un animal', de: 'Ich nehme ein Tier auf', en: 'I am getting a pet' },
} as const satisfies Record<string, LocalisedText>;
export type LifeEvent = keyof typeof lifeEvents;

export const audiences = ['person', 'organisation', 'representative'] as const;
export type Audience = (typeof audiences)[number];

export function isTopic(value: string): value is Topic {
  return Object.hasOwn(topics, value);
}

export function isLifeEvent(value: string): value is LifeEvent {
  return Object.hasOwn(lifeEvents, value);
}
