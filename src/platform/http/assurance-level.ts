/** Levels of assurance of an identity means, from the weakest. */
export const assuranceLevels = ['low', 'substantial', 'high'] as const;
export type AssuranceLevel = (typeof assuranceLevels)[number];

export function isAssuranceLevel(value: unknown): value is AssuranceLevel {
  return typeof value === 'string' && (assuranceLevels as readonly string[]).includes(value);
}

export function atLeast(level: AssuranceLevel, required: AssuranceLevel): boolean {
  return assuranceLevels.indexOf(level) >= assuranceLevels.indexOf(required);
}

/** The lower of two levels: a means never yields more than its provider is trusted for. */
export function capLevel(level: AssuranceLevel, cap: AssuranceLevel): AssuranceLevel {
  return atLeast(level, cap) ? cap : level;
}
