import type { Problem } from '../../validate.ts';
import type { Schema } from '../field-kind.ts';

/** The length and pattern a designer may set on a free text. */
export interface TextRules {
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole answer must match. */
  pattern?: string;
}

export function checkText(rules: TextRules, value: unknown, defaultMaxLength: number): Problem | undefined {
  if (typeof value !== 'string') return 'pattern';
  if (rules.minLength !== undefined && value.length < rules.minLength) return 'tooShort';
  if (value.length > (rules.maxLength ?? defaultMaxLength)) return 'tooLong';
  if (rules.pattern && !new RegExp(`^(?:${rules.pattern})$`, 'u').test(value)) return 'pattern';
  return undefined;
}

export function textSchema(rules: TextRules, defaultMaxLength: number): Schema {
  return {
    type: 'string',
    ...(rules.minLength !== undefined && { minLength: rules.minLength }),
    maxLength: rules.maxLength ?? defaultMaxLength,
    ...(rules.pattern && { pattern: `^(?:${rules.pattern})$` }),
  };
}

/** A string matching `pattern`, else `problem`. */
export const checkPattern =
  (pattern: string, problem: Problem) =>
  (value: unknown): Problem | undefined =>
    typeof value === 'string' && new RegExp(pattern).test(value) ? undefined : problem;
