import { describe, expect, it } from 'vitest';
import { toIsoDate } from './swiss-date.ts';

describe('a typed date', () => {
  it('is read the Swiss way, or as ISO', () => {
    expect(toIsoDate('30.11.2026')).toBe('2026-11-30');
    expect(toIsoDate(' 1.3.2026 ')).toBe('2026-03-01');
    expect(toIsoDate('2026-11-30')).toBe('2026-11-30');
  });

  it('refuses what is not a day of the calendar', () => {
    for (const text of ['30.02.2026', '11/30/2026', '2026-13-01', '', '30.11.26'])
      expect(toIsoDate(text)).toBeUndefined();
  });
});
