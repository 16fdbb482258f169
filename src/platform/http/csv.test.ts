import { describe, expect, it } from 'vitest';
import { csvField } from './csv.ts';

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
