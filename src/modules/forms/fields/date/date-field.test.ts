import { describe, expect, it } from 'vitest';
import { formMessages } from '../../messages.ts';
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

describe('a date input', () => {
  const render = (locale: 'fr' | 'de' | 'en', value?: unknown, hint?: string) =>
    String(
      dateField.Input({
        field: field(),
        name: 'born',
        id: 'born',
        value,
        locale,
        t: formMessages.translator(locale),
        label: 'Born',
        hint,
        aria: hint ? { 'aria-describedby': 'born-hint' } : {},
        errors: {},
        display: String,
        renderField: () => null,
      }),
    );

  it('is typed the Swiss way, with the format said in the page’s language and tied to the input', () => {
    const html = render('de', '2026-11-30');
    expect(html).toContain('value="30.11.2026"');
    expect(html).toContain('type="text"');
    expect(html).toContain('TT.MM.JJJJ');
    expect(html).toContain('aria-describedby="born-hint"');
    expect(render('fr')).toContain('JJ.MM.AAAA');
    expect(render('en', undefined, 'Your birthday')).toMatch(
      /Your birthday For example 14\.03\.2026 \(DD\.MM\.YYYY\)/,
    );
  });
});
