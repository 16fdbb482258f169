import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { childrenOf } from './fields/all-fields.ts';
import { type Field, isFieldType, kindOf } from './fields/registry.ts';

export { allFields } from './fields/all-fields.ts';
export type { Field, FieldType } from './fields/registry.ts';

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

export const idPattern = /^[a-z][a-zA-Z0-9]{0,39}$/;

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
      for (const f of [field, ...childrenOf(field)]) {
        if (!idPattern.test(f.id) || ids.has(f.id)) problems.push(`fieldId:${f.id}`);
        ids.add(f.id);
        if (!isFieldType(f.type)) problems.push(`fieldType:${f.id}`);
        if (!f.label?.fr) problems.push(`fieldLabel:${f.id}`);
        // A table's own problems come after its columns'.
        if (f !== field && isFieldType(f.type)) problems.push(...kindOf(f).problems(f));
      }
      if (isFieldType(field.type)) problems.push(...kindOf(field).problems(field));
    }
  }
  return problems;
}
