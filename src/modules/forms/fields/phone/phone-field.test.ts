import { describe, expect, it } from 'vitest';
import { type PhoneField, parsePhone, phoneField } from './phone-field.tsx';

const field: PhoneField = { id: 'phone', type: 'phone', label: { fr: 'Téléphone' } };

describe('a phone number', () => {
  it('is kept in international form, whichever way it is typed', () => {
    expect(parsePhone('079 123 45 67')).toBe('+41791234567');
    expect(parsePhone('0041 79 123 45 67')).toBe('+41791234567');
    expect(parsePhone('+33 (1) 23-45-67-89')).toBe('+33123456789');
  });

  it('is refused when it has too few digits', () => {
    expect(phoneField.check(field, '+4179', '')).toBe('phone');
  });
});
