import { allFields, type FormDefinition } from './definition.ts';
import type { BaseField, Schema } from './fields/field-kind.ts';
import { kindOf } from './fields/registry.ts';

/** A field's value as JSON Schema, by its type: what `validateAnswers` enforces, never less. */
function valueSchema(field: BaseField): Schema {
  return kindOf(field).schema(field, valueSchema);
}

/**
 * The data model of a form version as JSON Schema 2020-12, for integrators: the answers of an accepted
 * submission always validate against it. Fields under a condition are optional here, since whether
 * they apply depends on other answers.
 */
export function formJsonSchema(definition: FormDefinition, id: string): Schema {
  const fields = allFields(definition).filter(({ field, group }) => !group && kindOf(field).hasValue);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    title: definition.title.fr,
    type: 'object',
    additionalProperties: false,
    required: fields
      .filter(
        ({ field, step }) =>
          field.required &&
          field.showIf === undefined &&
          step.showIf === undefined &&
          kindOf(field).requiredInSchema,
      )
      .map(({ field }) => field.id),
    properties: Object.fromEntries(
      fields.map(({ field }) => [field.id, { ...valueSchema(field), title: field.label.fr }]),
    ),
  };
}
