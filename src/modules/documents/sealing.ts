import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { DocumentVault } from './documents.ts';
import { encryptUnderExistingKey } from './encryption.ts';
import type { DocumentsTables } from './tables.ts';

const tables = (db: Db) => tablesOf<DocumentsTables>(db);

/**
 * Puts the sealed version of an issued document in place of the copy published with the act that
 * issued it, and hands it out from then on. Runs in the issuer's transaction (`tx`), which records
 * the seal in its register at the same time; a second call for the same document does nothing.
 */
export async function completeSealing(
  vault: DocumentVault,
  documentId: string,
  sealed: Buffer,
  tx: Db,
): Promise<{ sha256: string } | undefined> {
  const row = await tables(tx)
    .selectFrom('documents')
    .select(['wrapped_key', 'key_id', 'awaiting_seal'])
    .where('id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!row?.awaiting_seal || !row.wrapped_key || !row.key_id) return undefined;
  const encrypted = encryptUnderExistingKey(
    vault.keys,
    documentId,
    { wrappedKey: row.wrapped_key, keyId: row.key_id },
    sealed,
  );
  await vault.store.put(documentId, encrypted.blob);
  await tables(tx)
    .updateTable('documents')
    .set({ sha256: encrypted.sha256, size: sealed.length, awaiting_seal: false })
    .where('id', '=', documentId)
    .execute();
  return { sha256: encrypted.sha256 };
}

/** Marks an issued document revoked in its holder's space (the issuer records it in its register in `tx`). */
export async function recordRevocation(
  tx: Db,
  documentId: string,
  revocation: { at: Date; reason: string },
): Promise<void> {
  await tables(tx)
    .updateTable('documents')
    .set({ revoked_at: revocation.at, revocation_reason: revocation.reason })
    .where('id', '=', documentId)
    .where('revoked_at', 'is', null)
    .execute();
}
