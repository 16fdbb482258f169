import { describe, expect, it } from 'vitest';
import { checkPalette, contrastRatio } from './palette.ts';

describe('contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

describe('palette check', () => {
  const good = { primary: '#b4001e', primaryText: '#ffffff', accent: '#1d1d1b' };

  it('accepts a palette where every pairing reaches AA', () => {
    expect(checkPalette(good)).toEqual([]);
  });

  it('rejects header text below 4.5:1 on the primary colour', () => {
    const problems = checkPalette({ ...good, primary: '#777777' });
    expect(problems).toEqual([{ field: 'primaryText', problem: 'contrast', ratio: expect.closeTo(4.48, 2) }]);
  });

  it('rejects a navigation colour too light for white text', () => {
    expect(checkPalette({ ...good, accent: '#ffcc00' }).map((p) => p.field)).toEqual(['accent']);
  });

  it('rejects anything but #rrggbb', () => {
    expect(checkPalette({ ...good, primary: 'red', accent: '#fff' })).toEqual([
      { field: 'primary', problem: 'format' },
      { field: 'accent', problem: 'format' },
    ]);
  });
});
