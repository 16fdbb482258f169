import { describe, expect, it } from 'vitest';
import { type IbanField, ibanField } from './iban-field.tsx';

const field: IbanField = { id: 'iban', type: 'iban', label: { fr: 'IBAN' } };

describe('an IBAN', () => {
  it('is kept without spaces in capitals, and its check digits are checked', () => {
    expect(
      ibanField.parse(field, { iban: 'ch93 0076 2011 6238 5295 7' }, 'iban', undefined, () => undefined),
    ).toBe('CH9300762011623852957');
    expect(ibanField.check(field, 'CH9300762011623852957', '')).toBeUndefined();
    expect(ibanField.check(field, 'CH9300762011623852958', '')).toBe('iban');
  });
});
