import { describe, expect, it } from 'vitest';
import { type TextareaField, textareaField } from './textarea-field.tsx';

const field: TextareaField = { id: 'story', type: 'textarea', label: { fr: 'Récit' } };

describe('a long text', () => {
  it('allows 5000 characters by default, and is shown in a text area', async () => {
    expect(textareaField.check(field, 'x'.repeat(5000), '')).toBeUndefined();
    expect(textareaField.check(field, 'x'.repeat(5001), '')).toBe('tooLong');
    expect(textareaField.schema(field, () => ({}))).toEqual({ type: 'string', maxLength: 5000 });
  });

  it('is not the subject of conditions and is not prefilled', () => {
    expect(textareaField.conditionValue).toBeUndefined();
    expect(textareaField.prefillable).toBe(false);
  });
});
