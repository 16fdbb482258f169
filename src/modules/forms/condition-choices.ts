import type { Locale } from '../../platform/i18n/locales.ts';
import { allFields, type Field, type FormDefinition, type Logic } from './definition.ts';
import { describeCondition } from './describe-condition.ts';
import { kindOf } from './fields/registry.ts';

export const conditionOperators = ['==', '!=', '>', '<'] as const;
type Operator = (typeof conditionOperators)[number];

/**
 * One entry of the builder's condition menu: a field compared with one of its answers (said in
 * words), or — for a field answered by typing — with the value the designer types beside the menu.
 * `key` is what the menu posts: `field:operator:answer`, the answer left empty when it is typed.
 */
export interface ConditionChoice {
  key: string;
  subject: Field;
  operator: Operator;
  /** The answer as posted by the runner (`yes`, an option's value); absent when typed. */
  answer?: string;
  text: string;
}

const typedKeys = {
  '==': 'typedEquals',
  '!=': 'typedDiffers',
  '>': 'typedGreater',
  '<': 'typedLess',
} as const;

/** The conditions a field may be shown under: on the other fields a condition can look at. */
export function conditionChoices(
  definition: FormDefinition,
  field: Field,
  locale: Locale,
  typedText: (key: (typeof typedKeys)[Operator], subject: Field) => string,
): ConditionChoice[] {
  return allFields(definition)
    .filter(({ field: f, group }) => !group && f.id !== field.id && kindOf(f).conditionValue !== undefined)
    .flatMap(({ field: subject }) => {
      const kind = kindOf(subject);
      const answers = kind.conditionAnswers?.(subject);
      if (!answers)
        return conditionOperators.map((operator) => ({
          key: `${subject.id}:${operator}:`,
          subject,
          operator,
          text: typedText(typedKeys[operator], subject),
        }));
      return (['==', '!='] as const).flatMap((operator) =>
        answers.map((answer) => ({
          key: `${subject.id}:${operator}:${answer}`,
          subject,
          operator,
          answer,
          text: describeCondition(ruleOf(subject, operator, answer), definition, locale),
        })),
      );
    });
}

/** The JSON Logic of a condition: the field's answer compared with a value typed by its own type. */
export const ruleOf = (subject: Field, operator: Operator, raw: string): Logic => {
  const toValue = kindOf(subject).conditionValue ?? ((value: string) => value);
  return { [operator]: [{ var: subject.id }, toValue(raw)] };
};

/** The menu entry a rule was made from, and the value typed beside it, if the builder wrote it. */
export function chosenCondition(
  choices: ConditionChoice[],
  rule: Logic,
): { key: string; typed: string } | undefined {
  if (!rule || typeof rule !== 'object') return undefined;
  const [operator, operands] = Object.entries(rule as Record<string, unknown>)[0] ?? [];
  if (!Array.isArray(operands)) return undefined;
  const [subject, value] = operands as [{ var?: unknown }, unknown];
  for (const choice of choices) {
    if (choice.subject.id !== subject?.var || choice.operator !== operator) continue;
    if (choice.answer === undefined)
      return { key: choice.key, typed: value === undefined || value === null ? '' : String(value) };
    const expected = (ruleOf(choice.subject, choice.operator, choice.answer) as Record<string, unknown[]>)[
      choice.operator
    ]?.[1];
    if (expected === value) return { key: choice.key, typed: '' };
  }
  return undefined;
}

/**
 * The condition posted by the menu: nothing for "always"; a rule; or `missing` when the entry needs
 * a typed value and none was typed, or names a field the condition cannot look at.
 */
export function postedCondition(
  choices: ConditionChoice[],
  key: string,
  typed: string,
): { rule?: Logic } | 'missing' {
  if (key === '') return {};
  const choice = choices.find((c) => c.key === key);
  if (!choice) return 'missing';
  if (choice.answer !== undefined) return { rule: ruleOf(choice.subject, choice.operator, choice.answer) };
  if (typed === '') return 'missing';
  return { rule: ruleOf(choice.subject, choice.operator, typed) };
}
