import { describe, expect, it } from 'vitest';
import { type DateField, dateField, parseDate } from './date-field.tsx';

const field = (rules: Partial<DateField> = {}): DateField => ({
  id: 'born',
  type: 'date',
  label: { fr: 'Né le' },
  ...rules,
});

describe('a date', () => {
  it('is read from the Swiss way of writing it, and shown in words', async () => {
    expect(parseDate('4.3.2026')).toBe('2026-03-04');
    expect(parseDate('2026-03-04')).toBe('2026-03-04');
    expect(dateField.display(field(), '2026-03-04', 'fr', () => '')).toBe('4 mars 2026');
  });

  it('refuses days that do not exist, and dates outside its bounds, today included', () => {
    expect(dateField.check(field(), '2026-02-30', '2026-11-24')).toBe('notDate');
    expect(dateField.check(field({ maxDate: 'today' }), '2026-11-25', '2026-11-24')).toBe('dateTooLate');
    expect(dateField.check(field({ minDate: '2000-01-01' }), '1999-12-31', '2026-11-24')).toBe(
      'dateTooEarly',
    );
    expect(dateField.check(field({ maxDate: 'today' }), '2026-11-24', '2026-11-24')).toBeUndefined();
  });
});
