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
