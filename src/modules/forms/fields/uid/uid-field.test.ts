import { describe, expect, it } from 'vitest';
import { type UidField, uidField } from './uid-field.tsx';

const field: UidField = { id: 'uid', type: 'uid', label: { fr: 'IDE' } };

describe('a UID number', () => {
  it('is kept as CHE and nine digits, shown the usual way, and its check digit is checked', () => {
    expect(uidField.parse(field, { uid: 'che-116.281.710' }, 'uid', undefined, () => undefined)).toBe(
      'CHE116281710',
    );
    expect(uidField.display(field, 'CHE116281710', 'fr', () => '')).toBe('CHE-116.281.710');
    expect(uidField.check(field, 'CHE116281711', '')).toBe('uid');
  });
});
