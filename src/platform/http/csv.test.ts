import { describe, expect, it } from 'vitest';
import { csvDateTime, csvField, csvFrancs } from './csv.ts';

describe('CSV fields', () => {
  it('quote, double quotes, write objects as JSON', () => {
    expect(csvField('Rue du "Rhône"')).toBe('"Rue du ""Rhône"""');
    expect(csvField({ dogs: 2 })).toBe('"{""dogs"":2}"');
    expect(csvField(null)).toBe('""');
    expect(csvField(1700)).toBe('"1700"');
  });

  it('keep what a spreadsheet would run as a formula as text', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+41 27 000', '-2+3', '@SUM(A1)', '\t=1'])
      expect(csvField(formula).startsWith(`"'`)).toBe(true);
    expect(csvField('Sion')).toBe('"Sion"');
  });
});

describe('CSV values for Swiss spreadsheets', () => {
  it('write moments in Swiss time, summer and winter, as dd.mm.yyyy hh:mm', () => {
    expect(csvDateTime(new Date('2026-11-30T06:05:00Z'))).toBe('30.11.2026 07:05');
    expect(csvDateTime(new Date('2026-07-01T22:30:00Z'))).toBe('02.07.2026 00:30');
  });

  it('write centimes as francs with two decimals', () => {
    expect(csvFrancs(1700)).toBe('17.00');
    expect(csvFrancs(123_456)).toBe('1234.56');
  });
});
