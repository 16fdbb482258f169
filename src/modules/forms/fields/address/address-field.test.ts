import { describe, expect, it } from 'vitest';
import { type AddressField, addressField } from './address-field.tsx';

const field: AddressField = { id: 'home', type: 'address', label: { fr: 'Adresse' } };
const parse = (posted: Record<string, string>) =>
  addressField.parse(field, posted, 'home', undefined, () => undefined);

describe('a postal address', () => {
  it('is read from its parts, in Switzerland, and is no answer when left empty', () => {
    expect(
      parse({
        'home.street': 'Rue du Rhône',
        'home.houseNumber': '',
        'home.postcode': '1950',
        'home.town': 'Sion',
      }),
    ).toEqual({ street: 'Rue du Rhône', postcode: '1950', town: 'Sion', country: 'CH' });
    expect(parse({ 'home.street': ' ', 'home.postcode': '', 'home.town': '' })).toBeUndefined();
  });

  it('needs a street, a four-digit postcode and a town, and is shown on one line', () => {
    expect(addressField.check(field, { street: 'Rue', postcode: '1950', town: 'Sion', floor: '2' }, '')).toBe(
      'required',
    );
    expect(
      addressField.display(
        field,
        { street: 'Rue du Rhône', houseNumber: '12', postcode: '1950', town: 'Sion' },
        'fr',
        () => '',
      ),
    ).toBe('Rue du Rhône 12, 1950 Sion');
  });
});
