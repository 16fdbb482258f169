import { describe, expect, it } from 'vitest';
import type { BaseField } from '../fields/field-kind.ts';
import { FieldInput } from './fields.tsx';

const field = (label: BaseField['label']) => ({ id: 'born', type: 'date', label }) as BaseField;
const render = (label: BaseField['label'], required = true) =>
  String(
    <FieldInput
      field={field(label)}
      name="born"
      value={undefined}
      locale="en"
      errors={{}}
      required={required}
      visible
    />,
  );

describe('a field in the runner', () => {
  it('marks a label the designer has not translated with its own language', () => {
    expect(render({ fr: 'Né le' })).toContain('<span lang="fr">Né le</span>');
    expect(render({ fr: 'Né le', en: 'Born on' })).toMatch(
      /<label class="field__label" for="born">Born on<\/label>/,
    );
    expect(render({ fr: 'Né le', en: 'Born on' }, false)).toContain('Born on (optional)');
  });
});
