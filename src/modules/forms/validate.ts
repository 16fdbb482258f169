import type { FormDefinition } from './definition.ts';
import { engine } from './engine.ts';
import type { BaseField, Validated, ValidationContext } from './fields/field-kind.ts';
import { kindOf } from './fields/registry.ts';
import { isEmpty } from './fields/shared/empty.ts';

export { ibanIsValid } from './fields/iban/iban-field.tsx';

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
  | 'microchip'
  | 'uid'
  | 'iban'
  | 'option'
  | 'tooFewRows'
  | 'tooManyRows'
  | 'fileType'
  | 'tooManyDocuments'
  | 'tooManyPages'
  | 'consent'
  | 'check';

export interface FieldProblem {
  /** The field's id, or `group[row].child` inside a repeating group. */
  field: string;
  problem: Problem;
  /** For `check`: the index of the failed cross-field rule. */
  check?: number;
  /** Already worded in the person's language (an upload refused, with its reason). */
  message?: string;
}

/** The rule of most types: an empty answer is missing (when required), another is checked by its type. */
const answerRule =
  (check: (field: BaseField, value: unknown, today: string) => Problem | undefined) =>
  (field: BaseField, value: unknown, context: ValidationContext): Validated => {
    if (isEmpty(value))
      return {
        problems: context.checking && context.required ? [{ field: field.id, problem: 'required' }] : [],
      };
    const problem = check(field, value, context.today);
    if (problem) return { problems: context.checking ? [{ field: field.id, problem }] : [] };
    return { problems: [], value };
  };

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
      if (!fieldState?.visible) return;
      const kind = kindOf(field);
      const context: ValidationContext = {
        today: options.today,
        checking,
        required: fieldState.required,
        data: state.data,
        checkChild: (child, value) => kindOf(child).check(child, value, options.today),
      };
      const { problems: found, value } = (kind.validate ?? answerRule(kind.check))(
        field,
        answers[field.id],
        context,
      );
      problems.push(...found);
      if (value !== undefined) cleaned[field.id] = value;
    });
  });
  if (options.onlyStep === undefined)
    (definition.checks ?? []).forEach((check, index) => {
      if (!engine.holds(check.rule, state.data))
        problems.push({ field: check.field ?? 'form', problem: 'check', check: index });
    });
  return { problems, cleaned };
}
