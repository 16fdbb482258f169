/**
 * A keyset page from the rows read after (or, going backwards, before) the cursor, in reading order,
 * with one row more than the page when there is one: that row is only there to say a page follows.
 * Going backwards the rows were read nearest-first, so they are turned back into the list's order.
 * `fromCursor`: whether the rows were read from a cursor, i.e. pages precede this one (forwards) or
 * follow it (backwards).
 *
 * @example keysetPage([a, b, c], 2, false, false) // { rows: [a, b], hasBefore: false, hasAfter: true }
 */
export function keysetPage<T>(
  rows: T[],
  size: number,
  backwards: boolean,
  fromCursor: boolean,
): { rows: T[]; hasBefore: boolean; hasAfter: boolean } {
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (backwards) page.reverse();
  return {
    rows: page,
    hasBefore: backwards ? more : fromCursor,
    hasAfter: backwards ? true : more,
  };
}
