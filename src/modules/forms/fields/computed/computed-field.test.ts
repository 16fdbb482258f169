import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../definition.ts';
import { engine } from '../../engine.ts';
import type { ValidationContext } from '../field-kind.ts';
import { type ComputedField, computedField } from './computed-field.tsx';

const field: ComputedField = { id: 'fee', type: 'computed', label: { fr: 'Taxe' }, format: 'chf' };
const context = (data: Record<string, unknown>) => ({ checking: true, data }) as ValidationContext;

describe('a computed value', () => {
  it('keeps what the logic worked out, not what was posted, and null when it could not', () => {
    expect(computedField.parse(field, { fee: '0' }, 'fee', 5, () => undefined)).toBeUndefined();
    expect(computedField.validate?.(field, 1, context({ fee: 200 }))).toEqual({ problems: [], value: 200 });
    expect(computedField.validate?.(field, 1, context({}))).toEqual({ problems: [], value: null });
  });

  it('is shown in francs when it is a fee', () => {
    expect(computedField.display(field, 200, 'fr', () => '')).toContain('200.00');
  });

  it('is written by the builder as a number field multiplied by a constant', () => {
    const posted = { multiplyField: 'dogs', multiplyBy: '100,5' };
    expect(computedField.readOptions(field, posted).expression).toEqual({ '*': [{ var: 'dogs' }, 100.5] });
    expect(computedField.readOptions(field, { multiplyField: 'dogs', multiplyBy: '' })).toEqual(field);
    expect(computedField.problems({ ...field })).toEqual(['expression:fee']);
  });

  it('is written by the builder as a price per row of a table, a further row costing more', () => {
    const posted = { perRowTable: 'dogs', perRowFirst: '100', perRowFurther: '150', multiplyField: '' };
    const expression = computedField.readOptions(field, posted).expression;
    const definition = {
      format: 'guichet-form/1',
      title: { fr: 'Chiens' },
      steps: [{ id: 's', title: { fr: 'Chiens' }, fields: [{ ...field, expression }] }],
    } as FormDefinition;
    const fee = (rows: number) =>
      engine.withComputed(definition, { dogs: Array.from({ length: rows }, () => ({ name: 'Rex' })) }).fee;
    expect([fee(0), fee(1), fee(2), fee(3)]).toEqual([0, 100, 250, 400]);
    expect(computedField.readOptions({ ...field, format: undefined }, { computedFormat: 'chf' }).format).toBe(
      'chf',
    );
    expect(computedField.readOptions(field, { ...posted, perRowFurther: '' }).expression).toEqual(
      computedField.readOptions(field, { ...posted, perRowFurther: '100' }).expression,
    );
  });
});
