import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, sql } from 'kysely';
import { currentKey, keyById, type MasterKey, open, seal } from '../../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import type { FormsTables } from '../tables.ts';
import type { NormalisedPage, PageHint } from './page-image.ts';

const tables = (db: Db) => tablesOf<FormsTables>(db);

/** Whose pages: a draft's field, on the computer (`captureId` null) or on a phone's capture. */
export interface PageScope {
  draftId: string;
  fieldId: string;
  captureId: string | null;
}

export interface WaitingPage {
  id: string;
  position: number;
  width: number;
  height: number;
  hints: PageHint[];
}

/** Every query on pages is narrowed to one scope: a page id from another draft or field finds nothing. */
const inScope = (scope: PageScope) => (eb: ExpressionBuilder<FormsTables, 'form_capture_pages'>) =>
  eb.and([
    eb('draft_id', '=', scope.draftId),
    eb('field_id', '=', scope.fieldId),
    scope.captureId === null ? eb('capture_id', 'is', null) : eb('capture_id', '=', scope.captureId),
  ]);

const isId = (id: string) => /^[0-9a-f-]{36}$/.test(id);

/** Adds a page at the end of its list, sealed with the current master key and bound to its id. */
export async function addPage(db: Db, keys: MasterKey[], scope: PageScope, page: NormalisedPage) {
  const id = randomUUID();
  const key = currentKey(keys);
  const last = await tables(db)
    .selectFrom('form_capture_pages')
    .select((eb) => eb.fn.max('position').as('position'))
    .where(inScope(scope))
    .executeTakeFirst();
  await tables(db)
    .insertInto('form_capture_pages')
    .values({
      id,
      draft_id: scope.draftId,
      field_id: scope.fieldId,
      capture_id: scope.captureId,
      position: (last?.position ?? 0) + 1,
      bytes: seal(key.key, page.jpeg, `capture-page:${id}`),
      key_id: key.id,
      width: page.width,
      height: page.height,
      hints: page.hints,
    })
    .execute();
  return id;
}

/** The pages waiting in a scope, in their order. */
export async function listPages(db: Db, scope: PageScope): Promise<WaitingPage[]> {
  const rows = await tables(db)
    .selectFrom('form_capture_pages')
    .select(['id', 'position', 'width', 'height', 'hints'])
    .where(inScope(scope))
    .orderBy('position')
    .execute();
  return rows.map((row) => ({ ...row, hints: row.hints as PageHint[] }));
}

/** One page's JPEG, opened; nothing when the page is not in the scope. */
export async function readPage(db: Db, keys: MasterKey[], scope: PageScope, pageId: string) {
  if (!isId(pageId)) return undefined;
  const row = await tables(db)
    .selectFrom('form_capture_pages')
    .select(['bytes', 'key_id'])
    .where('id', '=', pageId)
    .where(inScope(scope))
    .executeTakeFirst();
  return row && open(keyById(keys, row.key_id), row.bytes, `capture-page:${pageId}`);
}

/** Every page of a scope opened, in order, for making the document. */
export async function readAllPages(db: Db, keys: MasterKey[], scope: PageScope) {
  const rows = await tables(db)
    .selectFrom('form_capture_pages')
    .select(['id', 'bytes', 'key_id', 'width', 'height'])
    .where(inScope(scope))
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    width: row.width,
    height: row.height,
    jpeg: open(keyById(keys, row.key_id), row.bytes, `capture-page:${row.id}`),
  }));
}

/** Swaps a page with its neighbour before (`up`) or after (`down`); false when it cannot move. */
export async function movePage(db: Db, scope: PageScope, pageId: string, direction: 'up' | 'down') {
  if (!isId(pageId)) return false;
  return db.transaction().execute(async (tx) => {
    const pages = await tables(tx)
      .selectFrom('form_capture_pages')
      .select(['id', 'position'])
      .where(inScope(scope))
      .orderBy('position')
      .forUpdate()
      .execute();
    const index = pages.findIndex((page) => page.id === pageId);
    const other = pages[direction === 'up' ? index - 1 : index + 1];
    const page = pages[index];
    if (!page || !other) return false;
    for (const [id, position] of [
      [page.id, other.position],
      [other.id, page.position],
    ] as const)
      await tables(tx).updateTable('form_capture_pages').set({ position }).where('id', '=', id).execute();
    return true;
  });
}

/** Removes a page from its list; false when it is not in the scope. */
export async function deletePage(db: Db, scope: PageScope, pageId: string) {
  if (!isId(pageId)) return false;
  const deleted = await tables(db)
    .deleteFrom('form_capture_pages')
    .where('id', '=', pageId)
    .where(inScope(scope))
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** Removes the pages made into a document (in the transaction that attaches it). */
export async function clearPages(db: Db, scope: PageScope, pageIds: string[]) {
  if (pageIds.length === 0) return;
  await tables(db)
    .deleteFrom('form_capture_pages')
    .where('id', 'in', pageIds)
    .where(inScope(scope))
    .execute();
}

/** How many pages wait in a scope. */
export async function countPages(db: Db, scope: PageScope): Promise<number> {
  const row = await tables(db)
    .selectFrom('form_capture_pages')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(inScope(scope))
    .executeTakeFirst();
  return row?.count ?? 0;
}
