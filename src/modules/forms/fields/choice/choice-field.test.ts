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

  it('takes its options from the builder’s table: removed and textless rows dropped, missing codes made', () => {
    const row = (i: number, value: string, fr: string, de = '', en = '') => ({
      [`option-${i}-value`]: value,
      [`option-${i}-fr`]: fr,
      [`option-${i}-de`]: de,
      [`option-${i}-en`]: en,
    });
    const edited = choiceField.readOptions(field, {
      optionRows: '6',
      ...row(0, 'oui', 'Oui', 'Ja'),
      ...row(1, 'gone', 'Supprimée'),
      'option-1-remove': 'yes',
      ...row(2, 'x', ''),
      ...row(3, '', 'Chien d’assistance', 'Assistenzhund', 'Assistance dog'),
      ...row(4, 'bad value', 'Oui'),
      ...row(5, '', ''),
    });
    expect(edited.options).toEqual([
      { value: 'oui', label: { fr: 'Oui', de: 'Ja' } },
      {
        value: 'chien-d-assistance',
        label: { fr: 'Chien d’assistance', de: 'Assistenzhund', en: 'Assistance dog' },
      },
      { value: 'oui-2', label: { fr: 'Oui' } },
    ]);
    expect(choiceField.readOptions(field, {})).toEqual(field);
  });
});
