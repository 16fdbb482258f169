import { describe, expect, it } from 'vitest';
import { type AvsField, avsField } from './avs-field.tsx';

const field: AvsField = { id: 'avs', type: 'avs', label: { fr: 'AVS' } };

describe('an AVS number', () => {
  it('is kept as 13 digits, shown with dots, and its check digit is checked', () => {
    expect(avsField.parse(field, { avs: '756.1234.5678.97' }, 'avs', undefined, () => undefined)).toBe(
      '7561234567897',
    );
    expect(avsField.display(field, '7561234567897', 'fr', () => '')).toBe('756.1234.5678.97');
    expect(avsField.parse(field, { avs: '756.1234.5678.90' }, 'avs', undefined, () => undefined)).toBe(
      '756.1234.5678.90',
    );
    expect(avsField.check(field, '756.1234.5678.90', '')).toBe('avs');
  });
});
