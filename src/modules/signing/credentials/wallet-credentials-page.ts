import { sql } from 'kysely';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import { keysetPage } from '../../../platform/database/keyset-page.ts';
import type { IssuingTables } from '../issuing/tables.ts';
import type { WalletCredentialTables } from './tables.ts';
import type { WalletCredential } from './wallet-credentials.ts';

const tables = (db: Db) => tablesOf<WalletCredentialTables & IssuingTables>(db);

/** A page of an account's wallet credentials: `after`/`before` is the credential it follows/precedes. */
export interface WalletCredentialsPageQuery {
  after?: string;
  before?: string;
  size: number;
}

/**
 * One page of the wallet credentials of an account's issued documents, newest first (as "my space"
 * shows the first ten), keyset on (created_at, id): the hundredth page costs what the first does.
 */
export async function walletCredentialsPage(
  db: Db,
  accountId: string,
  query: WalletCredentialsPageQuery,
): Promise<{ items: WalletCredential[]; hasBefore: boolean; hasAfter: boolean }> {
  const cursor = [query.before, query.after].find((id) => id && /^[0-9a-f-]{36}$/.test(id));
  const backwards = Boolean(cursor && cursor === query.before);
  let select = tables(db)
    .selectFrom('wallet_credentials as w')
    .innerJoin('issued_documents as i', 'i.id', 'w.issued_id')
    .select(['w.id', 'w.state', 'w.offer_deeplink', 'i.serial', 'i.content', 'i.document_id', 'i.revoked_at'])
    .where('w.account_id', '=', accountId);
  if (cursor)
    select = select.where(
      sql<boolean>`(w.created_at, w.id) ${sql.raw(backwards ? '>' : '<')}
        (select c.created_at, c.id from wallet_credentials c where c.id = ${cursor} and c.account_id = ${accountId})`,
    );
  const rows = await select
    .orderBy('w.created_at', backwards ? 'asc' : 'desc')
    .orderBy('w.id', backwards ? 'asc' : 'desc')
    .limit(query.size + 1)
    .execute();
  const credentials = rows.map(
    (row): WalletCredential => ({
      id: row.id,
      title: row.content.title,
      serial: row.serial,
      state: row.revoked_at ? 'revoked' : row.state,
      offerDeeplink: row.offer_deeplink,
      documentId: row.document_id,
    }),
  );
  const {
    rows: items,
    hasBefore,
    hasAfter,
  } = keysetPage(credentials, query.size, backwards, Boolean(cursor));
  return { items, hasBefore, hasAfter };
}
