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
  it('is shown under a condition whose value is typed by the field it looks at', () => {
    const on = (conditionField: string, conditionValue: string) =>
      editField(definition, { field: farm }, posted({ conditionField, conditionValue })).showIf;
    expect(on('working', 'oui')).toEqual({ '==': [{ var: 'working' }, true] });
    expect(on('dogs', '2')).toEqual({ '==': [{ var: 'dogs' }, 2] });
    expect(on('', '2')).toBeUndefined();
  });

  it('gets its label, is required only when it asks something, and loses a prefill set to nothing', () => {
    const edited = editField(definition, { field: farm }, posted({ required: 'yes', prefill: '' }));
    expect(edited).toMatchObject({ label: { fr: 'Exploitation agricole' }, required: true });
    expect(edited).not.toHaveProperty('prefill');
    expect(editField(definition, { field: notice }, posted({ required: 'yes' }))).not.toHaveProperty(
      'required',
    );
  });

  it('takes its type’s own options, and no condition when it is a column', () => {
    const edited = editField(
      definition,
      { field: dogs, group: working },
      posted({ min: '1', conditionField: 'working', conditionValue: 'oui' }),
    );
    expect(edited).toMatchObject({ min: 1 });
    expect(edited).not.toHaveProperty('showIf');
  });
});
