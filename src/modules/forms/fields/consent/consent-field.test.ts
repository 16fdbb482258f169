import { describe, expect, it } from 'vitest';
import type { ValidationContext } from '../field-kind.ts';
import { type ConsentField, consentField } from './consent-field.tsx';

const field: ConsentField = { id: 'terms', type: 'consent', label: { fr: 'J’accepte' } };
const context = (required: boolean): ValidationContext => ({
  today: '2026-11-24',
  checking: true,
  required,
  data: {},
  checkChild: () => undefined,
});

describe('a consent', () => {
  it('is given by ticking the box, and refused as such when required and not ticked', () => {
    expect(consentField.parse(field, { terms: 'yes' }, 'terms', undefined, () => undefined)).toBe(true);
    expect(consentField.parse(field, {}, 'terms', undefined, () => undefined)).toBe(false);
    expect(consentField.validate?.(field, false, context(true))).toEqual({
      problems: [{ field: 'terms', problem: 'consent' }],
    });
    expect(consentField.validate?.(field, false, context(false))).toEqual({ problems: [] });
    expect(consentField.validate?.(field, true, context(true))).toEqual({ problems: [], value: true });
  });

  it('refuses anything else posted, even when not required', () => {
    expect(consentField.validate?.(field, 'maybe', context(false))).toEqual({
      problems: [{ field: 'terms', problem: 'consent' }],
    });
  });
});
