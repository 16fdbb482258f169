import type { FieldProblem } from '../../validate.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import type { Field } from '../registry.ts';
import { isEmpty } from '../shared/empty.ts';
import { first } from '../shared/posted.ts';
import { Columns, Rows } from './group-views.tsx';

/** A table: rows the person adds, each with the same columns (fields that are not groups). */
export interface GroupField extends BaseField<'group'> {
  fields?: Field[];
  minRows?: number;
  maxRows?: number;
}

type Row = Record<string, unknown>;
const rowLimit = 500;

/**
 * Rows are posted as `group[0].child`, with `group.rows` giving their count; `action=addRow:group` and
 * `removeRow:group:index` change the rows without JavaScript.
 */
export const groupField: FieldKind<GroupField> = {
  type: 'group',
  name: { fr: 'Tableau de lignes', de: 'Tabelle mit Zeilen', en: 'Table of rows' },
  asks: true,
  hasValue: true,
  // Required with no minimum row, it may have none: the schema cannot require it.
  requiredInSchema: false,
  inGroup: false,
  prefillable: false,
  multilineLabel: false,
  starter: (freshId) => ({ fields: [{ id: freshId('column'), type: 'text', label: { fr: 'Colonne' } }] }),
  examples: { valid: [[{ column1: 'Rex' }, {}]], invalid: [] },
  problems: (field) =>
    !field.fields?.length || field.fields.some((c) => c.type === 'group') ? [`group:${field.id}`] : [],
  parse(field, posted, name, _previous, parseChild) {
    const count = Math.min(
      Number.parseInt(first(posted, `${name}.rows`), 10) || 0,
      field.maxRows ?? rowLimit,
    );
    let rows = Array.from({ length: count }, (_, r) => {
      const row: Row = {};
      for (const child of field.fields ?? []) {
        const value = parseChild(child, `${name}[${r}].${child.id}`);
        if (value !== undefined) row[child.id] = value;
      }
      return row;
    });
    const action = first(posted, 'action');
    if (action === `addRow:${field.id}`) rows = [...rows, {}];
    const removal = action.match(/^removeRow:(\w+):(\d+)$/);
    if (removal?.[1] === field.id) rows = rows.filter((_, r) => r !== Number(removal[2]));
    return rows;
  },
  check: () => undefined,
  validate(field, value, context) {
    const problems: FieldProblem[] = [];
    const rows = Array.isArray(value) ? value : [];
    if (context.checking && rows.length < (field.minRows ?? (context.required ? 1 : 0)))
      problems.push({ field: field.id, problem: 'tooFewRows' });
    if (context.checking && rows.length > (field.maxRows ?? rowLimit))
      problems.push({ field: field.id, problem: 'tooManyRows' });
    const kept = rows.map((row: unknown, r: number) => {
      const keptRow: Row = {};
      const source = typeof row === 'object' && row !== null ? (row as Row) : {};
      for (const child of field.fields ?? []) {
        const childValue = source[child.id];
        const name = `${field.id}[${r}].${child.id}`;
        if (isEmpty(childValue)) {
          if (context.checking && child.required) problems.push({ field: name, problem: 'required' });
          continue;
        }
        const problem = context.checkChild(child, childValue);
        if (problem && context.checking) problems.push({ field: name, problem });
        if (!problem) keptRow[child.id] = childValue;
      }
      return keptRow;
    });
    return { problems, value: kept.length > 0 ? kept : undefined };
  },
  display: (field, value, _locale, displayChild) =>
    (value as Row[])
      .map((row) => (field.fields ?? []).map((c) => displayChild(c, row[c.id])).join(' · '))
      .join('\n'),
  schema: (field, schemaOf) => ({
    type: 'array',
    maxItems: field.maxRows ?? rowLimit,
    items: {
      type: 'object',
      additionalProperties: false,
      required: (field.fields ?? []).filter((c) => c.required).map((c) => c.id),
      properties: Object.fromEntries((field.fields ?? []).map((c) => [c.id, schemaOf(c)])),
    },
  }),
  Input: Rows,
  Options: () => null,
  readOptions: (field) => field,
  Section: Columns,
};
