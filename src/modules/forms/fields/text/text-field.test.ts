import { describe, expect, it } from 'vitest';
import { type TextField, textField } from './text-field.tsx';

const field = (rules: Partial<TextField> = {}): TextField => ({
  id: 'name',
  type: 'text',
  label: { fr: 'Nom' },
  ...rules,
});
const parse = (posted: Record<string, string>) =>
  textField.parse(field(), posted, 'name', undefined, () => undefined);

describe('a short text', () => {
  it('is kept trimmed, and a blank one is no answer', () => {
    expect(parse({ name: '  Anna ' })).toBe('Anna');
    expect(parse({ name: '   ' })).toBeUndefined();
  });

  it('is at most 200 characters unless the designer says otherwise, and matches its pattern', () => {
    expect(textField.check(field(), 'x'.repeat(201), '')).toBe('tooLong');
    expect(textField.check(field({ maxLength: 3 }), 'abcd', '')).toBe('tooLong');
    expect(textField.check(field({ minLength: 2 }), 'a', '')).toBe('tooShort');
    expect(textField.check(field({ pattern: '[0-9]{4}' }), '1950', '')).toBeUndefined();
    expect(textField.check(field({ pattern: '[0-9]{4}' }), '19500', '')).toBe('pattern');
    expect(textField.schema(field({ maxLength: 3 }), () => ({}))).toEqual({ type: 'string', maxLength: 3 });
  });

  it('takes its maximum length from the builder, and loses it when emptied', () => {
    expect(textField.readOptions(field(), { maxLength: '40' }).maxLength).toBe(40);
    expect(textField.readOptions(field({ maxLength: 40 }), { maxLength: '' })).not.toHaveProperty(
      'maxLength',
    );
    expect(textField.conditionValue?.('oui')).toBe('oui');
  });
});

describe('a short text with a check the designer picked', () => {
  const chip = field({ check: 'microchip' });

  it('takes a microchip number written in groups as its 15 digits, and refuses another length', () => {
    expect(textField.parse(chip, { name: '756 0981 0012 3456' }, 'name', undefined, () => undefined)).toBe(
      '756098100123456',
    );
    expect(textField.check(chip, '756098100123456', '')).toBeUndefined();
    expect(textField.check(chip, '75609810012345', '')).toBe('microchip');
    expect(textField.check(chip, '75609810012345x', '')).toBe('microchip');
    expect(textField.schema(chip, () => ({}))).toMatchObject({ pattern: '^[0-9]{15}$' });
  });

  it('is picked in the builder by name, and removed when set back to none', () => {
    expect(textField.readOptions(field(), { textCheck: 'microchip' }).check).toBe('microchip');
    expect(textField.readOptions(chip, { textCheck: '' })).not.toHaveProperty('check');
    expect(textField.readOptions(field(), { textCheck: 'anything' })).not.toHaveProperty('check');
  });
});
