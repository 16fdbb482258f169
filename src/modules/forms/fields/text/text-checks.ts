import type { LocalisedText } from '../../../../platform/i18n/locales.ts';

/**
 * Checks a designer picks for a short text by name rather than writing a regular expression: the
 * name is kept in the definition, so the check and its error message stay the platform's.
 */
export const textChecks = {
  /** An animal's transponder (ISO 11784/11785): 15 digits, often written in groups. */
  microchip: {
    name: {
      fr: 'Numéro de puce électronique (15 chiffres)',
      de: 'Mikrochipnummer (15 Ziffern)',
      en: 'Microchip number (15 digits)',
    },
    normalise: (text: string) => text.replace(/[\s.-]/g, ''),
    valid: (text: string) => /^[0-9]{15}$/.test(text),
    pattern: '^[0-9]{15}$',
  },
} as const satisfies Record<
  string,
  {
    name: LocalisedText;
    normalise: (text: string) => string;
    valid: (text: string) => boolean;
    /** The same check in the JSON Schema. */
    pattern: string;
  }
>;

export type TextCheck = keyof typeof textChecks;

export const isTextCheck = (name: unknown): name is TextCheck =>
  typeof name === 'string' && Object.hasOwn(textChecks, name);
