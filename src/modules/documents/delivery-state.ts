import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { DocumentRow } from './documents.ts';
import type { DocumentsTables } from './tables.ts';

export interface DeliveryState {
  /** `delivered`: in the account's document space; `opened`: one of its own people opened it. */
  status: 'delivered' | 'opened';
  deliveredAt: Date;
  openedAt: Date | null;
  /** When it went out on paper because nobody opened it in time; null otherwise. */
  postedAt: Date | null;
}

/**
 * Where a published document stands, for its authority: an agent's reading under a mandate does not
 * count as the recipient's (as for reminders and the postal fallback).
 */
export async function deliveryStateOf(db: Db, document: DocumentRow): Promise<DeliveryState> {
  const tables = tablesOf<DocumentsTables>(db);
  const read = await tables
    .selectFrom('document_reads')
    .select((eb) => eb.fn.min('read_at').as('first'))
    .where('document_id', '=', document.id)
    .where('via', 'in', ['holder', 'member'])
    .executeTakeFirst();
  const postal = await tables
    .selectFrom('document_postal_fallbacks')
    .select('done_at')
    .where('document_id', '=', document.id)
    .executeTakeFirst();
  const openedAt = read?.first ? new Date(read.first) : null;
  return {
    status: openedAt ? 'opened' : 'delivered',
    deliveredAt: document.created_at,
    openedAt,
    postedAt: postal?.done_at ?? null,
  };
}
