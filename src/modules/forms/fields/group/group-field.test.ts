import { describe, expect, it } from 'vitest';
import type { ValidationContext } from '../field-kind.ts';
import { type GroupField, groupField } from './group-field.tsx';

const field: GroupField = {
  id: 'dogs',
  type: 'group',
  label: { fr: 'Chiens' },
  maxRows: 3,
  fields: [
    { id: 'name', type: 'text', label: { fr: 'Nom' }, required: true },
    { id: 'weight', type: 'number', label: { fr: 'Poids' } },
  ],
};
/** Columns read as the posted text, for the table's own rules to show. */
const parse = (posted: Record<string, string>) =>
  groupField.parse(field, posted, 'dogs', undefined, (_child, name) => posted[name] || undefined);
const context = (required: boolean): ValidationContext => ({
  today: '2026-11-24',
  checking: true,
  required,
  data: {},
  checkChild: (child, value) =>
    child.id === 'weight' && typeof value !== 'number' ? 'notNumber' : undefined,
});

describe('a table of rows', () => {
  it('reads its rows by their count, and adds or removes one without JavaScript', () => {
    const posted = { 'dogs.rows': '2', 'dogs[0].name': 'Rex', 'dogs[1].name': 'Bella' };
    expect(parse(posted)).toEqual([{ name: 'Rex' }, { name: 'Bella' }]);
    expect(parse({ ...posted, action: 'addRow:dogs' })).toEqual([{ name: 'Rex' }, { name: 'Bella' }, {}]);
    expect(parse({ ...posted, action: 'removeRow:dogs:0' })).toEqual([{ name: 'Bella' }]);
    expect(parse({ 'dogs.rows': '9' })).toHaveLength(3);
  });

  it('asks for a row when required, checks each cell, and keeps only the right ones', () => {
    expect(groupField.validate?.(field, [], context(true))).toEqual({
      problems: [{ field: 'dogs', problem: 'tooFewRows' }],
    });
    expect(
      groupField.validate?.(field, [{ weight: 'heavy' }, { name: 'Rex', weight: 30 }], context(false)),
    ).toEqual({
      problems: [
        { field: 'dogs[0].name', problem: 'required' },
        { field: 'dogs[0].weight', problem: 'notNumber' },
      ],
      value: [{}, { name: 'Rex', weight: 30 }],
    });
  });

  it('is shown one row a line, and cannot hold another table', () => {
    expect(groupField.display(field, [{ name: 'Rex', weight: 30 }], 'fr', (c, v) => `${c.id}=${v}`)).toBe(
      'name=Rex · weight=30',
    );
    expect(groupField.problems({ ...field, fields: [{ ...field, id: 'inner' }] })).toEqual(['group:dogs']);
    expect(groupField.starter((prefix) => `${prefix}1`)).toEqual({
      fields: [{ id: 'column1', type: 'text', label: { fr: 'Colonne' } }],
    });
  });
});
