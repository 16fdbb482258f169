import { describe, expect, it } from 'vitest';
import { keysetPage } from './keyset-page.ts';

// Rows as the query reads them: the page's size and one more when a further row exists.
describe('keysetPage', () => {
  it('first page: nothing before, a page after when the over-read row came back', () => {
    expect(keysetPage([1, 2, 3], 2, false, false)).toEqual({
      rows: [1, 2],
      hasBefore: false,
      hasAfter: true,
    });
  });

  it('a single page: nothing before, nothing after', () => {
    expect(keysetPage([1, 2], 2, false, false)).toEqual({ rows: [1, 2], hasBefore: false, hasAfter: false });
  });

  it('middle page going forwards: pages on both sides', () => {
    expect(keysetPage([3, 4, 5], 2, false, true)).toEqual({ rows: [3, 4], hasBefore: true, hasAfter: true });
  });

  it('last page going forwards: the page before, none after', () => {
    expect(keysetPage([5], 2, false, true)).toEqual({ rows: [5], hasBefore: true, hasAfter: false });
  });

  it('backwards: rows read nearest-first come back in the list order, the cursor page follows', () => {
    // Before row 5 of 1..6, read nearest first: 4, 3 and the over-read 2.
    expect(keysetPage([4, 3, 2], 2, true, true)).toEqual({ rows: [3, 4], hasBefore: true, hasAfter: true });
  });

  it('backwards to the first page: nothing before it', () => {
    expect(keysetPage([2, 1], 2, true, true)).toEqual({ rows: [1, 2], hasBefore: false, hasAfter: true });
  });

  it('does not reorder the rows it was given', () => {
    const read = [4, 3, 2];
    keysetPage(read, 2, true, true);
    expect(read).toEqual([4, 3, 2]);
  });
});
