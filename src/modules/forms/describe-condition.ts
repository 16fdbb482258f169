import { type Locale, pick } from '../../platform/i18n/locales.ts';
import { allFields, type FormDefinition, type FormStep, type Logic } from './definition.ts';
import { displayValue } from './display.ts';
import { formMessages } from './messages.ts';

const comparisons = {
  '==': 'conditionEquals',
  '===': 'conditionEquals',
  '!=': 'conditionDiffers',
  '!==': 'conditionDiffers',
  '>': 'conditionGreater',
  '<': 'conditionLess',
} as const;

/**
 * A condition as people read it — `« Purpose » est « Other »` — with the field's label and the answer
 * as the person would choose it (an option's text, Yes or No), never the JSON Logic or the codes.
 * Rules the builder does not write (imported definitions) are named as such rather than shown raw.
 */
export function describeCondition(rule: Logic, definition: FormDefinition, locale: Locale): string {
  const t = formMessages.translator(locale);
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return t('conditionOther');
  const [operator, operands] = Object.entries(rule)[0] ?? [];
  if ((operator === 'and' || operator === 'or') && Array.isArray(operands))
    return operands
      .map((part) => describeCondition(part, definition, locale))
      .join(t(operator === 'and' ? 'conditionAnd' : 'conditionOr'));
  const key = comparisons[operator as keyof typeof comparisons];
  const [subject, value] = Array.isArray(operands) ? operands : [];
  const id = (subject as { var?: unknown } | undefined)?.var;
  const target = allFields(definition).find((f) => f.field.id === id)?.field;
  if (!key || !target) return t('conditionOther');
  return t(key, { field: pick(target.label, locale), value: displayValue(target, value, locale) });
}

/** The answers a rule reads (`{"var": "id"}`, anywhere in it). */
export function varsOf(rule: Logic): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [operator, operands] of Object.entries(node)) {
        const name = Array.isArray(operands) ? operands[0] : operands;
        if (operator === 'var' && typeof name === 'string') found.add(name.split('.')[0] ?? name);
        else walk(operands);
      }
  };
  walk(rule);
  return found;
}

/** Whether a rule reads an answer given on this step: then the step's own answers may change it. */
export const readsStep = (rule: Logic, step: FormStep) => {
  const read = varsOf(rule);
  return step.fields.some((f) => read.has(f.id));
};
