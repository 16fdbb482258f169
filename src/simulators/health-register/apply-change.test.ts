import { describe, expect, it } from 'vitest';
import { parseAddress, plannedChanges } from './apply-change.ts';
import { isGln, isUid } from './gln.ts';

const entry = {
  street: 'Avenue de la Gare 10',
  postcode: '1950',
  town: 'Sion',
  phone: '+41 27 322 10 10',
  email: 'cabinet@example.ch',
  languages: ['de', 'fr'],
  sites: [],
};

describe('the register’s rules for a change', () => {
  it('checks GLN and UID check digits, and every seeded number has a valid one', () => {
    for (const gln of ['7601000123459', '7601000234568', '7601000345677', '7601000456786', '7601000567895'])
      expect(isGln(gln)).toBe(true);
    expect(isGln('7601000123458')).toBe(false);
    expect(isGln('760100012345')).toBe(false);
    for (const uid of ['CHE123456788', 'CHE111111118', 'CHE222222225']) expect(isUid(uid)).toBe(true);
    expect(isUid('CHE123456789')).toBe(false);
  });

  it('reads an address as “street, postcode town”', () => {
    expect(parseAddress('Rue du Bourg 5, 3960 Sierre')).toEqual({
      street: 'Rue du Bourg 5',
      postcode: '3960',
      town: 'Sierre',
    });
    expect(parseAddress('Rue du Bourg 5 Sierre')).toBeUndefined();
  });

  it('takes old values from the register, leaves out what does not change, and names what breaks its rules', () => {
    const planned = plannedChanges(entry, [
      { item: 'address', current: 'whatever the form said', proposed: 'Avenue de la Gare 10, 1950 Sion' },
      { item: 'phone', current: 'x', proposed: '+41 27 322 99 99' },
      { item: 'email', proposed: 'not-an-address' },
      { item: 'languages', proposed: 'FR, it ,de' },
      { item: 'newSite', proposed: 'Rue du Bourg 5, 3960 Sierre' },
    ]);
    expect(planned.changes).toEqual([
      { item: 'phone', old: '+41 27 322 10 10', new: '+41 27 322 99 99' },
      { item: 'languages', old: 'de, fr', new: 'de, fr, it' },
      { item: 'newSite', old: null, new: 'Rue du Bourg 5, 3960 Sierre' },
    ]);
    expect(planned.refused).toEqual(['email']);
    expect(planned.set).toEqual({
      phone: '+41 27 322 99 99',
      languages: ['de', 'fr', 'it'],
      sites: ['Rue du Bourg 5, 3960 Sierre'],
    });
  });
});
