import { describe, expect, it } from 'vitest';
import { type MultichoiceField, multichoiceField } from './multichoice-field.tsx';

const field: MultichoiceField = {
  id: 'colours',
  type: 'multichoice',
  label: { fr: 'Couleurs' },
  options: [
    { value: 'black', label: { fr: 'Noir' } },
    { value: 'white', label: { fr: 'Blanc' } },
  ],
};
const parse = (posted: Record<string, string | string[]>) =>
  multichoiceField.parse(field, posted, 'colours', undefined, () => undefined);

describe('a multiple choice', () => {
  it('is the list of the boxes ticked, empty when none is', () => {
    expect(parse({ colours: ['black', 'white'] })).toEqual(['black', 'white']);
    expect(parse({ colours: 'white' })).toEqual(['white']);
    expect(parse({})).toEqual([]);
  });

  it('accepts each option once, and is shown as a list of labels', () => {
    expect(multichoiceField.check(field, ['black', 'black'], '')).toBe('option');
    expect(multichoiceField.display(field, ['black', 'white'], 'fr', () => '')).toBe('Noir, Blanc');
  });
});
