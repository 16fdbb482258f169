import { describe, expect, it } from 'vitest';
import { chosenCondition, conditionChoices } from './condition-choices.ts';
import type { Field, FormDefinition } from './definition.ts';
import { describeCondition, readsStep } from './describe-condition.ts';

const purpose: Field = {
  id: 'purpose',
  type: 'choice',
  label: { fr: 'But', en: 'Purpose' },
  options: [
    { value: 'pet', label: { fr: 'Compagnie', en: 'Pet' } },
    { value: 'other', label: { fr: 'Autre', en: 'Other' } },
  ],
};
const working: Field = { id: 'working', type: 'yesno', label: { fr: 'Chien de travail', en: 'Working dog' } };
const dogs: Field = { id: 'dogs', type: 'number', label: { fr: 'Nombre', en: 'Number' } };
const detail: Field = { id: 'detail', type: 'text', label: { fr: 'Précision' } };
const definition: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Chiens' },
  steps: [{ id: 'one', title: { fr: 'Un' }, fields: [purpose, working, dogs, detail] }],
};

describe('conditions in words', () => {
  it('names the field by its label and the answer as the person chooses it, never the codes', () => {
    expect(describeCondition({ '==': [{ var: 'purpose' }, 'other'] }, definition, 'en')).toBe(
      '“Purpose” is “Other”',
    );
    expect(describeCondition({ '!=': [{ var: 'working' }, true] }, definition, 'fr')).toBe(
      '« Chien de travail » n’est pas « Oui »',
    );
    expect(
      describeCondition(
        { and: [{ '>': [{ var: 'dogs' }, 2] }, { '==': [{ var: 'purpose' }, 'pet'] }] },
        definition,
        'fr',
      ),
    ).toBe('« Nombre » est plus grand que 2 et « But » est « Compagnie »');
    expect(describeCondition({ some: [{ var: 'x' }, true] }, definition, 'fr')).toBe(
      'une règle importée avec le formulaire',
    );
  });

  it('offers a menu entry per answer of a choice, a typed value for the others, and finds the saved one', () => {
    const choices = conditionChoices(definition, detail, 'fr', (key, subject) => `${key} ${subject.id}`);
    expect(choices.map((c) => c.text)).toContain('« But » est « Autre »');
    expect(choices.map((c) => c.key)).toContain('dogs:>:');
    expect(choices.some((c) => c.subject.id === 'detail')).toBe(false);
    expect(chosenCondition(choices, { '==': [{ var: 'working' }, false] })).toEqual({
      key: 'working:==:no',
      typed: '',
    });
    expect(chosenCondition(choices, { '<': [{ var: 'dogs' }, 3] })).toEqual({ key: 'dogs:<:', typed: '3' });
  });

  it('knows when a rule reads an answer of the same step', () => {
    const step = definition.steps[0];
    if (!step) throw new Error('no step');
    expect(readsStep({ '==': [{ var: 'purpose' }, 'other'] }, step)).toBe(true);
    expect(readsStep({ '==': [{ var: 'elsewhere' }, 'other'] }, step)).toBe(false);
  });
});
