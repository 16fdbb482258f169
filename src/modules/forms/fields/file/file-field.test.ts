import { describe, expect, it } from 'vitest';
import { type FileField, fileField } from './file-field.tsx';

const field: FileField = { id: 'plan', type: 'file', label: { fr: 'Plan' }, accept: ['application/pdf'] };
const stored = { fileId: 'f1', name: 'plan.pdf', size: 1200, type: 'application/pdf' };

describe('a file', () => {
  it('keeps the file attached before when a step is posted again (the route stores new ones)', () => {
    expect(fileField.parse(field, { plan: '' }, 'plan', stored, () => undefined)).toBe(stored);
    expect(fileField.parse(field, {}, 'plan', undefined, () => undefined)).toBeUndefined();
  });

  it('accepts only the types the designer chose, and is shown by its name with a link to it', () => {
    expect(fileField.check(field, { ...stored, type: 'image/png' }, '')).toBe('fileType');
    expect(fileField.display(field, stored, 'fr', () => '')).toBe('plan.pdf');
    expect(fileField.fileOf?.(stored)).toBe('f1');
  });
});
