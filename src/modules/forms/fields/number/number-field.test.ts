import { describe, expect, it } from 'vitest';
import { type NumberField, numberField, parseNumber } from './number-field.tsx';

const field = (rules: Partial<NumberField> = {}): NumberField => ({
  id: 'dogs',
  type: 'number',
  label: { fr: 'Chiens' },
  ...rules,
});

describe('a number', () => {
  it('is read as people type it, and kept as typed when it is not one', () => {
    expect(parseNumber("1'200.50")).toBe(1200.5);
    expect(parseNumber('1 200,5')).toBe(1200.5);
    expect(parseNumber('douze')).toBe('douze');
    expect(numberField.parse(field(), { dogs: '' }, 'dogs', undefined, () => undefined)).toBeUndefined();
  });

  it('is checked against its bounds and whether it must be whole', () => {
    expect(numberField.check(field({ integer: true }), 1.5, '')).toBe('notInteger');
    expect(numberField.check(field({ min: 1 }), 0, '')).toBe('tooSmall');
    expect(numberField.check(field({ max: 5 }), 6, '')).toBe('tooLarge');
    expect(numberField.check(field(), 'douze', '')).toBe('notNumber');
    expect(numberField.schema(field({ integer: true, min: 1 }), () => ({}))).toEqual({
      type: 'integer',
      minimum: 1,
    });
  });

  it('is shown in the Swiss way and compared as a number in conditions', () => {
    expect(numberField.display(field(), 1200.5, 'fr', () => '')).toMatch(/^1.200,5$/);
    expect(numberField.conditionValue?.('3')).toBe(3);
    expect(numberField.readOptions(field(), { min: '1', max: '' })).toEqual(field({ min: 1 }));
  });
});
