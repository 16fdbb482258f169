import { describe, expect, it } from 'vitest';
import type { Field, FormDefinition } from './definition.ts';
import { editField } from './edit-field.ts';

const working: Field = { id: 'working', type: 'yesno', label: { fr: 'Chien de travail' } };
const dogs: Field = { id: 'dogs', type: 'number', label: { fr: 'Nombre' } };
const farm: Field = { id: 'farm', type: 'text', label: { fr: 'Exploitation' }, prefill: 'person.familyName' };
const notice: Field = { id: 'notice', type: 'info', label: { fr: 'À lire' } };
const definition: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Chiens' },
  steps: [
    {
      id: 'step1',
      title: { fr: 'Étape' },
      fields: [working, dogs, farm, notice],
    },
  ],
};
const posted = (fields: Record<string, string>) => ({ 'label.fr': 'Exploitation agricole', ...fields });

describe('a field saved from its page in the builder', () => {
  it('is shown under a condition chosen from the menu, a typed answer compared with the value typed', () => {
    const on = (conditionChoice: string, conditionValue = '') =>
      editField(definition, { field: farm }, posted({ conditionChoice, conditionValue }));
    expect(on('working:==:yes').field.showIf).toEqual({ '==': [{ var: 'working' }, true] });
    expect(on('dogs:>:', '2').field.showIf).toEqual({ '>': [{ var: 'dogs' }, 2] });
    expect(on('').field.showIf).toBeUndefined();
    // A typed comparison without its value, or an entry the menu never offered, changes nothing and says so.
    const shown = { ...farm, showIf: { '==': [{ var: 'working' }, true] } };
    for (const [choice, value] of [
      ['dogs:>:', ''],
      ['notice:==:x', ''],
    ] as const) {
      const edited = editField(
        definition,
        { field: shown },
        posted({ conditionChoice: choice, conditionValue: value }),
      );
      expect(edited.conditionMissing).toBe(true);
      expect(edited.field.showIf).toEqual(shown.showIf);
    }
  });

  it('gets its label, is required only when it asks something, and loses a prefill set to nothing', () => {
    const { field: edited } = editField(
      definition,
      { field: farm },
      posted({ required: 'yes', prefill: '' }),
    );
    expect(edited).toMatchObject({ label: { fr: 'Exploitation agricole' }, required: true });
    expect(edited).not.toHaveProperty('prefill');
    expect(editField(definition, { field: notice }, posted({ required: 'yes' })).field).not.toHaveProperty(
      'required',
    );
  });

  it('takes its type’s own options, and no condition when it is a column', () => {
    const { field: edited } = editField(
      definition,
      { field: dogs, group: working },
      posted({ min: '1', conditionChoice: 'working:==:yes' }),
    );
    expect(edited).toMatchObject({ min: 1 });
    expect(edited).not.toHaveProperty('showIf');
  });
});
