import { describe, expect, it } from 'vitest';
import { type YesnoField, yesnoField } from './yesno-field.tsx';

const field: YesnoField = { id: 'insured', type: 'yesno', label: { fr: 'Assuré' } };
const parse = (posted: Record<string, string>) =>
  yesnoField.parse(field, posted, 'insured', undefined, () => undefined);

describe('a yes or no question', () => {
  it('is a boolean, and no answer until one is chosen', () => {
    expect(parse({ insured: 'yes' })).toBe(true);
    expect(parse({ insured: 'no' })).toBe(false);
    expect(parse({})).toBeUndefined();
    expect(yesnoField.display(field, false, 'de', () => '')).toBe('Nein');
  });

  it('is compared in conditions with yes in the designer’s language', () => {
    for (const yes of ['yes', 'oui', 'ja', 'true']) expect(yesnoField.conditionValue?.(yes)).toBe(true);
    expect(yesnoField.conditionValue?.('non')).toBe(false);
  });
});
