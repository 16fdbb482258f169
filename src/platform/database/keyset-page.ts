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

/**
 * A keyset page of the rows a check lets through (the policy, deciding on each row): `read` gives the
 * rows after (or, `backwards`, before) the cursor, `limit` at a time; those `visible` turns to null are
 * skipped and the next rows read until the page and one more are full or the rows end, so a page costs
 * what its rows cost, not what the whole list does.
 */
export async function visibleKeysetPage<Row extends { id: string }, Item>(
  query: { after?: string; before?: string; size: number },
  read: (cursor: string | undefined, backwards: boolean, limit: number) => Promise<Row[]>,
  visible: (row: Row) => Promise<Item | null>,
): Promise<{ items: Item[]; hasBefore: boolean; hasAfter: boolean }> {
  const wanted = [query.before, query.after].find((id) => id && /^[0-9a-f-]{36}$/.test(id));
  const backwards = Boolean(wanted && wanted === query.before);
  const items: Item[] = [];
  let cursor = wanted;
  let exhausted = false;
  while (items.length <= query.size && !exhausted) {
    const batch = await read(cursor, backwards, query.size + 1);
    exhausted = batch.length <= query.size;
    const seen = await Promise.all(batch.map(visible));
    items.push(...seen.filter((item) => item !== null));
    cursor = batch.at(-1)?.id;
  }
  const { rows, hasBefore, hasAfter } = keysetPage(items, query.size, backwards, Boolean(wanted));
  return { items: rows, hasBefore, hasAfter };
}
