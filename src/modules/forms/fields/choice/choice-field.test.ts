import { describe, expect, it } from 'vitest';
import { type ChoiceField, choiceField } from './choice-field.tsx';

const field: ChoiceField = {
  id: 'kind',
  type: 'choice',
  label: { fr: 'Genre' },
  options: [
    { value: 'pet', label: { fr: 'Compagnie', de: 'Begleithund' } },
    { value: 'work', label: { fr: 'Travail' } },
  ],
};

describe('a single choice', () => {
  it('accepts only one of its options, shown by its label in the reader’s language', () => {
    expect(choiceField.check(field, 'cat', '')).toBe('option');
    expect(choiceField.display(field, 'pet', 'de', () => '')).toBe('Begleithund');
    expect(choiceField.display(field, 'work', 'de', () => '')).toBe('Travail');
  });

  it('cannot be published without options', () => {
    expect(choiceField.problems({ ...field, options: [] })).toEqual(['options:kind']);
  });

  it('takes its options from the builder, one per line, and ignores lines without a value or a French text', () => {
    const edited = choiceField.readOptions(field, {
      options: 'oui | Oui | Ja\n | Sans valeur\nnon | Non | Nein | No\nbad value | X',
    });
    expect(edited.options).toEqual([
      { value: 'oui', label: { fr: 'Oui', de: 'Ja' } },
      { value: 'non', label: { fr: 'Non', de: 'Nein', en: 'No' } },
    ]);
    expect(choiceField.readOptions(field, { options: '' })).toEqual(field);
  });
});
