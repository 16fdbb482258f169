import type { FormDefinition, FormStep } from '../definition.ts';
import type { BaseField } from './field-kind.ts';
import type { Field } from './registry.ts';

/** The fields a field is made of (a group's columns), as the list itself; none for the others. */
export function childrenOf(field: BaseField): Field[] {
  const children = (field as { fields?: unknown }).fields;
  return Array.isArray(children) ? (children as Field[]) : [];
}

/** Every field with its step, groups' children included, in order. */
export function allFields(definition: FormDefinition): { field: Field; step: FormStep; group?: Field }[] {
  return definition.steps.flatMap((step) =>
    step.fields.flatMap((field) => [
      { field, step },
      ...childrenOf(field).map((child) => ({ field: child, step, group: field })),
    ]),
  );
}
