import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { allFields, type Field, type FieldType, type FormDefinition } from './definition.ts';
import { childrenOf } from './fields/all-fields.ts';
import { kindOf } from './fields/registry.ts';

/** Structural edits of a definition, as the builder's buttons ask for them; each returns a new definition. */
export type Edit =
  | { action: 'addStep' }
  | { action: 'setTitle'; title: LocalisedText }
  | { action: 'setStepTitle'; step: string; title: LocalisedText }
  | { action: 'moveStep'; step: string; by: -1 | 1 }
  | { action: 'deleteStep'; step: string }
  | { action: 'addField'; step: string; type: FieldType; group?: string }
  | { action: 'moveField'; field: string; by: -1 | 1 }
  /** Drag and drop: the field takes the place of `target`, in the same list. */
  | { action: 'placeField'; field: string; target: string }
  | { action: 'duplicateField'; field: string }
  | { action: 'deleteField'; field: string };

const clone = <T>(value: T): T => structuredClone(value);

function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || target < 0 || target >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target] as T, copy[index] as T];
  return copy;
}

/** A new id for a field or step that no other has: the type and the next free number. */
export function freshId(definition: FormDefinition, prefix: string): string {
  const taken = new Set([
    ...definition.steps.map((s) => s.id),
    ...allFields(definition).map((f) => f.field.id),
  ]);
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The list holding a field: its step's fields, or its group's columns. */
function containerOf(definition: FormDefinition, fieldId: string): Field[] | undefined {
  for (const step of definition.steps) {
    if (step.fields.some((f) => f.id === fieldId)) return step.fields;
    for (const field of step.fields) {
      const children = childrenOf(field);
      if (children.some((f) => f.id === fieldId)) return children;
    }
  }
  return undefined;
}

export function applyEdit(current: FormDefinition, edit: Edit): FormDefinition {
  const definition = clone(current);
  switch (edit.action) {
    case 'addStep': {
      const id = freshId(definition, 'step');
      definition.steps.push({ id, title: { fr: `Étape ${definition.steps.length + 1}` }, fields: [] });
      return definition;
    }
    case 'setTitle':
      definition.title = edit.title;
      return definition;
    case 'setStepTitle': {
      const step = definition.steps.find((s) => s.id === edit.step);
      if (step) step.title = edit.title;
      return definition;
    }
    case 'moveStep':
      definition.steps = move(
        definition.steps,
        definition.steps.findIndex((s) => s.id === edit.step),
        edit.by,
      );
      return definition;
    case 'deleteStep':
      if (definition.steps.length > 1) definition.steps = definition.steps.filter((s) => s.id !== edit.step);
      return definition;
    case 'addField': {
      const id = freshId(definition, edit.type);
      const field = {
        id,
        type: edit.type,
        label: { fr: 'Nouveau champ' },
        ...kindOf(edit).starter((prefix) => freshId(definition, prefix)),
      } as Field;
      const group = edit.group
        ? allFields(definition).find((f) => f.field.id === edit.group)?.field
        : undefined;
      if (group?.type === 'group') {
        // A column is never a table itself.
        if (childrenOf(field).length === 0) group.fields = [...(group.fields ?? []), field];
        return definition;
      }
      definition.steps.find((s) => s.id === edit.step)?.fields.push(field);
      return definition;
    }
    case 'moveField': {
      const list = containerOf(definition, edit.field);
      if (list) {
        const moved = move(
          list,
          list.findIndex((f) => f.id === edit.field),
          edit.by,
        );
        list.splice(0, list.length, ...moved);
      }
      return definition;
    }
    case 'placeField': {
      const list = containerOf(definition, edit.field);
      const from = list?.findIndex((f) => f.id === edit.field) ?? -1;
      const to = list?.findIndex((f) => f.id === edit.target) ?? -1;
      if (list && from >= 0 && to >= 0) {
        const [moved] = list.splice(from, 1);
        if (moved) list.splice(to, 0, moved);
      }
      return definition;
    }
    case 'duplicateField': {
      const list = containerOf(definition, edit.field);
      const index = list?.findIndex((f) => f.id === edit.field) ?? -1;
      const original = list?.[index];
      if (list && original) {
        const copy = clone(original);
        copy.id = freshId(definition, original.type);
        list.splice(index + 1, 0, copy);
        // Inserted first, so that each column's id counts as taken while a new one is chosen.
        for (const child of childrenOf(copy)) child.id = freshId(definition, child.type);
      }
      return definition;
    }
    case 'deleteField': {
      const list = containerOf(definition, edit.field);
      if (list)
        list.splice(
          list.findIndex((f) => f.id === edit.field),
          1,
        );
      return definition;
    }
  }
}

/** Replaces one field (found anywhere, groups included) with its edited version. */
export function replaceField(current: FormDefinition, field: Field): FormDefinition {
  const definition = clone(current);
  const list = containerOf(definition, field.id);
  const index = list?.findIndex((f) => f.id === field.id) ?? -1;
  if (list && index >= 0) list[index] = field;
  return definition;
}
