import type { FormStep } from './definition.ts';
import type { BaseField, Posted } from './fields/field-kind.ts';
import { kindOf } from './fields/registry.ts';
import type { Answers } from './validate.ts';

/** One field's typed answer, read by its type from what was posted under `name`. */
function parseField(field: BaseField, posted: Posted, name: string, previous?: unknown): unknown {
  return kindOf(field).parse(field, posted, name, previous, (child, childName) =>
    parseField(child, posted, childName),
  );
}

/**
 * Reads one step's posted fields into typed answers (files are stored by the caller); an answer left
 * empty is removed.
 */
export function parseStep(step: FormStep, posted: Posted, previous: Answers): Answers {
  const answers: Answers = { ...previous };
  for (const field of step.fields) {
    const value = parseField(field, posted, field.id, previous[field.id]);
    if (value === undefined) delete answers[field.id];
    else answers[field.id] = value;
  }
  return answers;
}
