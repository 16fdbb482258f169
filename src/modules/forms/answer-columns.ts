import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { FormDefinition } from './definition.ts';
import { displayValue } from './display.ts';
import { childrenOf } from './fields/all-fields.ts';
import { kindOf } from './fields/registry.ts';

/** One spreadsheet column of a form's answers: `key` is stable across versions, `label` is read. */
export interface AnswerColumn {
  key: string;
  label: string;
}

type Row = Record<string, unknown>;
const rowsOf = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

/**
 * A form's answers as columns for a spreadsheet: one per field that holds a value, and a repeating
 * group's columns once per row up to the most rows any of `answers` has (`Chiens 2 – Nom`, key
 * `dogs.2.name`), so that each cell holds one value a spreadsheet can sort and sum.
 *
 * @example answerColumns(definition, [{ dogs: [{ name: 'Rex' }] }], 'fr') // [{ key: 'dogs.1.name', … }]
 */
export function answerColumns(
  definition: FormDefinition,
  answers: Record<string, unknown>[],
  locale: Locale,
): AnswerColumn[] {
  return definition.steps.flatMap((step) =>
    step.fields
      .filter((field) => kindOf(field).hasValue)
      .flatMap((field) => {
        const children = childrenOf(field);
        if (children.length === 0) return [{ key: field.id, label: pick(field.label, locale) }];
        const most = Math.max(0, ...answers.map((a) => rowsOf(a[field.id]).length));
        return Array.from({ length: most }, (_, r) =>
          children
            .filter((child) => kindOf(child).hasValue)
            .map((child) => ({
              key: `${field.id}.${r + 1}.${child.id}`,
              label: `${pick(field.label, locale)} ${r + 1} – ${pick(child.label, locale)}`,
            })),
        ).flat();
      }),
  );
}

/** The answers as people read them, by the keys of `answerColumns`; a field left empty is absent. */
export function answerCells(
  definition: FormDefinition,
  answers: Record<string, unknown>,
  locale: Locale,
): Record<string, string> {
  const cells: Record<string, string> = {};
  const put = (key: string, field: Parameters<typeof displayValue>[0], value: unknown) => {
    if (value !== undefined && value !== null && value !== '')
      cells[key] = displayValue(field, value, locale);
  };
  for (const step of definition.steps)
    for (const field of step.fields) {
      if (!kindOf(field).hasValue) continue;
      const children = childrenOf(field);
      if (children.length === 0) put(field.id, field, answers[field.id]);
      else
        rowsOf(answers[field.id]).forEach((row, r) => {
          for (const child of children) put(`${field.id}.${r + 1}.${child.id}`, child, row[child.id]);
        });
    }
  return cells;
}
