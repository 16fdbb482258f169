import type { LocalisedText } from '../../platform/i18n/locales.ts';

/**
 * The form definition format, `guichet-form/1`: JSON, versioned with the form (a published version is
 * never changed; a submission names the version it was filled with). Conditions and computed values
 * are JSON Logic (jsonlogic.com) over the answers by field id, e.g. `{"==": [{"var": "hasDog"}, true]}`.
 */
export interface FormDefinition {
  format: 'guichet-form/1';
  title: LocalisedText;
  steps: FormStep[];
  /** Rules across fields: each must hold, else its message is shown on `field` (or the form). */
  checks?: { rule: Logic; message: LocalisedText; field?: string }[];
}

export type Logic = unknown;

export interface FormStep {
  id: string;
  title: LocalisedText;
  /** The step applies only when this holds (skipped otherwise). */
  showIf?: Logic;
  /** When this holds, the person is told this service is not for them (and where to go). */
  exitIf?: Logic;
  exitMessage?: LocalisedText;
  fields: Field[];
}

export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'date',
  'email',
  'phone',
  'avs',
  'uid',
  'iban',
  'address',
  'choice',
  'multichoice',
  'yesno',
  'group',
  'file',
  'consent',
  'info',
  'computed',
] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Known data a field may be filled with, shown as such rather than asked again. */
export const prefillSources = [
  'person.givenNames',
  'person.familyName',
  'person.dateOfBirth',
  'person.avs',
  'person.email',
  'person.address',
  'organisation.name',
  'organisation.uid',
] as const;
export type PrefillSource = (typeof prefillSources)[number];

export interface Field {
  id: string;
  type: FieldType;
  label: LocalisedText;
  hint?: LocalisedText;
  required?: boolean;
  requiredIf?: Logic;
  showIf?: Logic;
  prefill?: PrefillSource;
  /** text, textarea */
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** number */
  min?: number;
  max?: number;
  integer?: boolean;
  /** date: ISO dates or 'today' */
  minDate?: string;
  maxDate?: string;
  /** choice, multichoice */
  options?: { value: string; label: LocalisedText }[];
  /** group: a table of rows */
  fields?: Field[];
  minRows?: number;
  maxRows?: number;
  /** file */
  accept?: ('application/pdf' | 'image/png' | 'image/jpeg')[];
  maxBytes?: number;
  /** computed: the value, e.g. a fee from a quantity */
  expression?: Logic;
  /** computed: how to show it */
  format?: 'chf' | 'number';
}

export const idPattern = /^[a-z][a-zA-Z0-9]{0,39}$/;

/** Every field with its step, groups' children included, in order. */
export function allFields(definition: FormDefinition): { field: Field; step: FormStep; group?: Field }[] {
  return definition.steps.flatMap((step) =>
    step.fields.flatMap((field) => [
      { field, step },
      ...(field.fields ?? []).map((child) => ({ field: child, step, group: field })),
    ]),
  );
}

/** Structural problems of a definition (ids, options, groups): what publishing refuses. */
export function definitionProblems(definition: FormDefinition): string[] {
  const problems: string[] = [];
  if (definition.format !== 'guichet-form/1') problems.push('format');
  if (!definition.title?.fr) problems.push('title');
  if (!Array.isArray(definition.steps) || definition.steps.length === 0) problems.push('noStep');
  const ids = new Set<string>();
  for (const step of definition.steps ?? []) {
    if (!idPattern.test(step.id) || ids.has(step.id)) problems.push(`stepId:${step.id}`);
    ids.add(step.id);
    if (!step.title?.fr) problems.push(`stepTitle:${step.id}`);
    for (const field of step.fields ?? []) {
      for (const f of [field, ...(field.fields ?? [])]) {
        if (!idPattern.test(f.id) || ids.has(f.id)) problems.push(`fieldId:${f.id}`);
        ids.add(f.id);
        if (!(fieldTypes as readonly string[]).includes(f.type)) problems.push(`fieldType:${f.id}`);
        if (!f.label?.fr) problems.push(`fieldLabel:${f.id}`);
        if ((f.type === 'choice' || f.type === 'multichoice') && !f.options?.length)
          problems.push(`options:${f.id}`);
        if (f.type === 'computed' && f.expression === undefined) problems.push(`expression:${f.id}`);
      }
      if (field.type === 'group' && (!field.fields?.length || field.fields.some((c) => c.type === 'group')))
        problems.push(`group:${field.id}`);
    }
  }
  return problems;
}
