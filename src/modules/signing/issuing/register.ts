import type { Selectable } from 'kysely';
import { audited } from '../../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import { recordRevocation } from '../../documents/index.ts';
import { revokeWalletCredentialLater } from '../credentials/wallet-credentials.ts';
import type { IssuedDocument } from './content.ts';
import type { IssuingTables } from './tables.ts';

const tables = (db: Db) => tablesOf<IssuingTables>(db);
type Row = Selectable<IssuingTables['issued_documents']>;

export const toIssued = (row: Row): IssuedDocument => ({
  id: row.id,
  serial: row.serial,
  type: row.type,
  authorityId: row.authority_id,
  accountId: row.account_id,
  subject: { kind: row.subject_kind, name: row.subject_name },
  language: row.language,
  issuedAt: row.issued_at,
  validUntil: row.valid_until,
  sha256: row.sha256,
  status: row.revoked_at ? 'revoked' : row.sealed_at ? 'valid' : 'sealing',
  revokedAt: row.revoked_at,
  revocationReason: row.revocation_reason,
  requestId: row.request_id,
  documentId: row.document_id,
});

/** The register's entry for a serial number (printed on the document and in its QR code). */
export async function issuedDocumentBySerial(db: Db, serial: string): Promise<IssuedDocument | undefined> {
  const row = await tables(db)
    .selectFrom('issued_documents')
    .selectAll()
    .where('serial', '=', serial.trim().toUpperCase())
    .executeTakeFirst();
  return row && toIssued(row);
}

/** The register's entry for a sealed PDF, found by the SHA-256 (hex) of its bytes. */
export async function issuedDocumentBySha256(db: Db, sha256Hex: string): Promise<IssuedDocument | undefined> {
  const row = await tables(db)
    .selectFrom('issued_documents')
    .selectAll()
    .where('sha256', '=', sha256Hex.toLowerCase())
    .executeTakeFirst();
  return row && toIssued(row);
}

/** The register's entry behind a document of the document space, if Guichet issued it. */
export async function issuedDocumentOfDocument(
  db: Db,
  documentId: string,
): Promise<IssuedDocument | undefined> {
  const row = await tables(db)
    .selectFrom('issued_documents')
    .selectAll()
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return row && toIssued(row);
}

/** Every revoked serial number, oldest first: what the published revocation list is made of. */
export async function revokedSerials(db: Db): Promise<Array<{ serial: string; revokedAt: Date }>> {
  const rows = await tables(db)
    .selectFrom('issued_documents')
    .select(['serial', 'revoked_at'])
    .where('revoked_at', 'is not', null)
    .orderBy('revoked_at')
    .execute();
  return rows.map((r) => ({ serial: r.serial, revokedAt: r.revoked_at as Date }));
}

/** An authority's issued documents, newest first, optionally one serial number. */
export async function listIssuedDocuments(
  db: Db,
  authorityId: string,
  filter: { serial?: string; limit?: number } = {},
): Promise<IssuedDocument[]> {
  let query = tables(db)
    .selectFrom('issued_documents')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .orderBy('issued_at', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.serial) query = query.where('serial', '=', filter.serial.trim().toUpperCase());
  return (await query.execute()).map(toIssued);
}

/**
 * Revokes a document its authority issued: the register says so (and so the revocation list and
 * every verification), and its holder sees it on the document. Audited; a second revocation, or one by
 * another authority, changes nothing and answers undefined.
 */
export async function revokeIssuedDocument(
  db: Db,
  revocation: { authorityId: string; serial: string; reason: string; actor: string },
  now = new Date(),
): Promise<IssuedDocument | undefined> {
  const event = (row: IssuedDocument | undefined) => ({
    actor: revocation.actor,
    action: row ? 'document.revoke' : 'document.revoke.refused',
    subjectType: 'issued-document',
    subjectId: revocation.serial,
    authorityId: revocation.authorityId,
    details: { reason: revocation.reason },
  });
  return audited(db, event, async (tx) => {
    const row = await tables(tx)
      .updateTable('issued_documents')
      .set({ revoked_at: now, revocation_reason: revocation.reason, revoked_by: revocation.actor })
      .where('serial', '=', revocation.serial)
      .where('authority_id', '=', revocation.authorityId)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    await recordRevocation(tx, row.document_id, { at: now, reason: revocation.reason });
    await revokeWalletCredentialLater(tx, row.id);
    return toIssued(row);
  });
}

/** What a wallet shows of an issued document: its title, issuer, date, state and verification code. */
export interface WalletItem {
  documentId: string;
  serial: string;
  title: string;
  authorityId: string;
  issuedAt: Date;
  validUntil: Date | null;
  status: IssuedDocument['status'];
  qrPayload: string;
}

/** The account's most recent issued documents (attestations, decisions, receipts), newest first. */
export async function recentIssuedOfAccount(db: Db, accountId: string, limit = 10): Promise<WalletItem[]> {
  const rows = await tables(db)
    .selectFrom('issued_documents')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('issued_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    documentId: row.document_id,
    serial: row.serial,
    title: row.content.title,
    authorityId: row.authority_id,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    status: toIssued(row).status,
    qrPayload: row.qr_payload,
  }));
}
