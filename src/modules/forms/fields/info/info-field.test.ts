import { describe, expect, it } from 'vitest';
import type { ValidationContext } from '../field-kind.ts';
import { type InfoField, infoField } from './info-field.tsx';

const field: InfoField = { id: 'notice', type: 'info', label: { fr: 'Les chiens doivent être annoncés.' } };

describe('an information text', () => {
  it('asks nothing and keeps nothing, whatever is posted', () => {
    expect(infoField.parse(field, { notice: 'x' }, 'notice', 'x', () => undefined)).toBeUndefined();
    const context = { checking: true, required: true } as ValidationContext;
    expect(infoField.validate?.(field, 'x', context)).toEqual({ problems: [] });
    expect(infoField.asks || infoField.hasValue).toBe(false);
  });

  it('starts as "Information", edited on several lines', () => {
    expect(infoField.starter(() => '')).toEqual({ label: { fr: 'Information' } });
    expect(infoField.multilineLabel).toBe(true);
  });
});
