import type { Locale } from '../i18n/locales.ts';
import { platformMessages } from '../views/messages.ts';

/** Levels of assurance of an identity means, from the weakest. */
export const assuranceLevels = ['low', 'substantial', 'high'] as const;
export type AssuranceLevel = (typeof assuranceLevels)[number];

export function isAssuranceLevel(value: unknown): value is AssuranceLevel {
  return typeof value === 'string' && (assuranceLevels as readonly string[]).includes(value);
}

export function atLeast(level: AssuranceLevel, required: AssuranceLevel): boolean {
  return assuranceLevels.indexOf(level) >= assuranceLevels.indexOf(required);
}

/** The higher of two levels: what two requirements ask together. */
export function strongerLevel(a: AssuranceLevel, b: AssuranceLevel): AssuranceLevel {
  return atLeast(a, b) ? a : b;
}

/** The lower of two levels: a means never yields more than its provider is trusted for. */
export function capLevel(level: AssuranceLevel, cap: AssuranceLevel): AssuranceLevel {
  return atLeast(level, cap) ? cap : level;
}

const levelWords = {
  low: 'assuranceLow',
  substantial: 'assuranceSubstantial',
  high: 'assuranceHigh',
} as const;

/** The level as people read it (`élevé (identité électronique)`), never the code stored. */
export function assuranceLevelName(locale: Locale, level: string): string {
  return isAssuranceLevel(level) ? platformMessages.translator(locale)(levelWords[level]) : level;
}
