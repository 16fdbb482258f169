import { normaliseAvs, normaliseUid } from '../identity/index.ts';
import type { Field, FormDefinition } from './definition.ts';
import { engine } from './engine.ts';

export type Answers = Record<string, unknown>;

export type Problem =
  | 'required'
  | 'tooShort'
  | 'tooLong'
  | 'pattern'
  | 'notNumber'
  | 'notInteger'
  | 'tooSmall'
  | 'tooLarge'
  | 'notDate'
  | 'dateTooEarly'
  | 'dateTooLate'
  | 'email'
  | 'phone'
  | 'avs'
  | 'uid'
  | 'iban'
  | 'option'
  | 'tooFewRows'
  | 'tooManyRows'
  | 'fileType'
  | 'consent'
  | 'check';

export interface FieldProblem {
  /** The field's id, or `group[row].child` inside a repeating group. */
  field: string;
  problem: Problem;
  /** For `check`: the index of the failed cross-field rule. */
  check?: number;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
export const patterns = {
  email: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  phone: '^\\+[0-9]{8,15}$',
  avs: '^756[0-9]{10}$',
  uid: '^CHE[0-9]{9}$',
  iban: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$',
  date: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
} as const;

/** ISO 13616 check: move the country and check digits to the end, letters to numbers, mod 97 = 1. */
export function ibanIsValid(iban: string): boolean {
  if (!new RegExp(patterns.iban).test(iban)) return false;
  const digits = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest === 1;
}

function resolveDate(value: string | undefined, today: string): string | undefined {
  return value === 'today' ? today : value;
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Checks one value of one field; returns the problem, if any. Empty values are the caller's business. */
function checkValue(field: Field, value: unknown, today: string): Problem | undefined {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return 'pattern';
      if (field.minLength !== undefined && value.length < field.minLength) return 'tooShort';
      if (value.length > (field.maxLength ?? (field.type === 'text' ? 200 : 5000))) return 'tooLong';
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) return 'pattern';
      return undefined;
    }
    case 'email':
      return typeof value === 'string' && value.length <= 254 && new RegExp(patterns.email).test(value)
        ? undefined
        : 'email';
    case 'phone':
      return typeof value === 'string' && new RegExp(patterns.phone).test(value) ? undefined : 'phone';
    case 'avs':
      return typeof value === 'string' && normaliseAvs(value) === value ? undefined : 'avs';
    case 'uid':
      return typeof value === 'string' && normaliseUid(value) === value ? undefined : 'uid';
    case 'iban':
      return typeof value === 'string' && ibanIsValid(value) ? undefined : 'iban';
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'notNumber';
      if (field.integer && !Number.isInteger(value)) return 'notInteger';
      if (field.min !== undefined && value < field.min) return 'tooSmall';
      if (field.max !== undefined && value > field.max) return 'tooLarge';
      return undefined;
    }
    case 'date': {
      if (typeof value !== 'string' || !isoDate.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
        return 'notDate';
      if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return 'notDate';
      const min = resolveDate(field.minDate, today);
      const max = resolveDate(field.maxDate, today);
      if (min && value < min) return 'dateTooEarly';
      if (max && value > max) return 'dateTooLate';
      return undefined;
    }
    case 'choice':
      return typeof value === 'string' && field.options?.some((o) => o.value === value)
        ? undefined
        : 'option';
    case 'multichoice':
      return Array.isArray(value) &&
        new Set(value).size === value.length &&
        value.every((v) => field.options?.some((o) => o.value === v))
        ? undefined
        : 'option';
    case 'yesno':
      return typeof value === 'boolean' ? undefined : 'option';
    case 'consent':
      return value === true ? undefined : 'consent';
    case 'address': {
      const a = value as Record<string, unknown> | null;
      const ok =
        typeof a === 'object' &&
        a !== null &&
        Object.keys(a).every((k) => ['street', 'houseNumber', 'postcode', 'town', 'country'].includes(k)) &&
        typeof a.street === 'string' &&
        a.street.length > 0 &&
        a.street.length <= 60 &&
        typeof a.town === 'string' &&
        a.town.length > 0 &&
        a.town.length <= 40 &&
        typeof a.postcode === 'string' &&
        /^[0-9]{4}$/.test(a.postcode) &&
        (a.houseNumber === undefined || (typeof a.houseNumber === 'string' && a.houseNumber.length <= 12)) &&
        (a.country === undefined || a.country === 'CH');
      return ok ? undefined : 'required';
    }
    case 'file': {
      const f = value as Record<string, unknown> | null;
      if (typeof f !== 'object' || f === null || typeof f.fileId !== 'string' || typeof f.type !== 'string')
        return 'required';
      return (field.accept ?? ['application/pdf', 'image/png', 'image/jpeg']).includes(f.type as never)
        ? undefined
        : 'fileType';
    }
    default:
      return undefined;
  }
}

/**
 * Validates typed answers against the definition: only the steps and fields that apply count, the
 * rest is dropped. Returns the problems, and the cleaned answers with computed values — what is kept.
 */
export function validateAnswers(
  definition: FormDefinition,
  answers: Answers,
  options: { today: string; onlyStep?: string },
): { problems: FieldProblem[]; cleaned: Answers } {
  const state = engine.evaluate(definition, answers);
  const problems: FieldProblem[] = [];
  const cleaned: Answers = {};
  definition.steps.forEach((step, s) => {
    const stepState = state.steps[s];
    if (!stepState?.active) return;
    const checking = options.onlyStep === undefined || options.onlyStep === step.id;
    step.fields.forEach((field, f) => {
      const fieldState = stepState.fields[f];
      if (!fieldState?.visible || field.type === 'info') return;
      if (field.type === 'computed') {
        cleaned[field.id] = state.data[field.id] ?? null;
        return;
      }
      const value = answers[field.id];
      if (field.type === 'group') {
        const rows = Array.isArray(value) ? value : [];
        if (checking && rows.length < (field.minRows ?? (fieldState.required ? 1 : 0)))
          problems.push({ field: field.id, problem: 'tooFewRows' });
        if (checking && rows.length > (field.maxRows ?? 500))
          problems.push({ field: field.id, problem: 'tooManyRows' });
        const keptRows = rows.map((row: unknown, r: number) => {
          const kept: Answers = {};
          const source = typeof row === 'object' && row !== null ? (row as Answers) : {};
          for (const child of field.fields ?? []) {
            const childValue = source[child.id];
            const name = `${field.id}[${r}].${child.id}`;
            if (isEmpty(childValue)) {
              if (checking && child.required) problems.push({ field: name, problem: 'required' });
              continue;
            }
            const problem = checkValue(child, childValue, options.today);
            if (problem && checking) problems.push({ field: name, problem });
            if (!problem) kept[child.id] = childValue;
          }
          return kept;
        });
        if (keptRows.length > 0) cleaned[field.id] = keptRows;
        return;
      }
      if (isEmpty(value) || (field.type === 'consent' && value === false)) {
        if (checking && fieldState.required)
          problems.push({ field: field.id, problem: field.type === 'consent' ? 'consent' : 'required' });
        return;
      }
      const problem = checkValue(field, value, options.today);
      if (problem && checking) problems.push({ field: field.id, problem });
      if (!problem) cleaned[field.id] = value;
    });
  });
  if (options.onlyStep === undefined)
    (definition.checks ?? []).forEach((check, index) => {
      if (!engine.holds(check.rule, state.data))
        problems.push({ field: check.field ?? 'form', problem: 'check', check: index });
    });
  return { problems, cleaned };
}
