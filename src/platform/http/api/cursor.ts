import { z } from 'zod';
import { HttpError } from '../http-error.ts';

/** Where a page ends, in a stable order (newest first, ties by id): opaque to the client. */
export interface CursorPosition {
  at: Date;
  id: string;
}

export const encodeCursor = (position: CursorPosition) =>
  Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new HttpError(400, 'invalid_cursor', 'the cursor is not one this API gave');
  }
}

/** The query members of every list: `limit` (1–100, default 50) and the `cursor` of the page before. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50).describe('Items per page (1–100).'),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page.'),
};

/** A page of `item`s and where the next begins (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Cuts a list read with one row more than `limit` into a page and its cursor. */
export function pageFrom<T>(rows: T[], limit: number, position: (row: T) => CursorPosition) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}
