import { describe, expect, it } from 'vitest';
import { type EmailField, emailField } from './email-field.tsx';

const field: EmailField = { id: 'email', type: 'email', label: { fr: 'E-mail' } };

describe('an e-mail address', () => {
  it('is kept in lower case and must look like an address of at most 254 characters', () => {
    expect(emailField.parse(field, { email: ' Anna@Example.CH ' }, 'email', undefined, () => undefined)).toBe(
      'anna@example.ch',
    );
    expect(emailField.check(field, 'anna@example', '')).toBe('email');
    expect(emailField.check(field, `${'a'.repeat(250)}@b.ch`, '')).toBe('email');
  });
});
