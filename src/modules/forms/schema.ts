import { allFields, type Field, type FormDefinition } from './definition.ts';
import { patterns } from './validate.ts';

type Schema = Record<string, unknown>;

/** A field's value as JSON Schema: what `validateAnswers` enforces, never less. */
function valueSchema(field: Field): Schema {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return {
        type: 'string',
        ...(field.minLength !== undefined && { minLength: field.minLength }),
        maxLength: field.maxLength ?? (field.type === 'text' ? 200 : 5000),
        ...(field.pattern && { pattern: `^(?:${field.pattern})$` }),
      };
    case 'email':
      return { type: 'string', maxLength: 254, pattern: patterns.email };
    case 'phone':
    case 'avs':
    case 'uid':
    case 'iban':
      return { type: 'string', pattern: patterns[field.type] };
    case 'date':
      return { type: 'string', pattern: patterns.date };
    case 'number':
      return {
        type: field.integer ? 'integer' : 'number',
        ...(field.min !== undefined && { minimum: field.min }),
        ...(field.max !== undefined && { maximum: field.max }),
      };
    case 'choice':
      return { type: 'string', enum: (field.options ?? []).map((o) => o.value) };
    case 'multichoice':
      return { type: 'array', uniqueItems: true, items: { enum: (field.options ?? []).map((o) => o.value) } };
    case 'yesno':
      return { type: 'boolean' };
    case 'consent':
      return { const: true };
    case 'address':
      return {
        type: 'object',
        additionalProperties: false,
        required: ['street', 'postcode', 'town'],
        properties: {
          street: { type: 'string', minLength: 1, maxLength: 60 },
          houseNumber: { type: 'string', maxLength: 12 },
          postcode: { type: 'string', pattern: '^[0-9]{4}$' },
          town: { type: 'string', minLength: 1, maxLength: 40 },
          country: { const: 'CH' },
        },
      };
    case 'file':
      return {
        type: 'object',
        required: ['fileId', 'type'],
        properties: {
          fileId: { type: 'string' },
          name: { type: 'string' },
          size: { type: 'integer' },
          type: { enum: field.accept ?? ['application/pdf', 'image/png', 'image/jpeg'] },
        },
      };
    case 'group':
      return {
        type: 'array',
        maxItems: field.maxRows ?? 500,
        items: {
          type: 'object',
          additionalProperties: false,
          required: (field.fields ?? []).filter((c) => c.required).map((c) => c.id),
          properties: Object.fromEntries((field.fields ?? []).map((c) => [c.id, valueSchema(c)])),
        },
      };
    case 'computed':
      return { type: ['number', 'null'] };
    case 'info':
      return {};
  }
}

/**
 * The data model of a form version as JSON Schema 2020-12, for integrators: the answers of an accepted
 * submission always validate against it. Fields under a condition are optional here, since whether
 * they apply depends on other answers.
 */
export function formJsonSchema(definition: FormDefinition, id: string): Schema {
  const fields = allFields(definition).filter(({ field, group }) => !group && field.type !== 'info');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    title: definition.title.fr,
    type: 'object',
    additionalProperties: false,
    required: fields
      .filter(
        ({ field, step }) =>
          field.required && field.showIf === undefined && step.showIf === undefined && field.type !== 'group',
      )
      .map(({ field }) => field.id),
    properties: Object.fromEntries(
      fields.map(({ field }) => [field.id, { ...valueSchema(field), title: field.label.fr }]),
    ),
  };
}
