import { createHash } from 'node:crypto';
import { auditedTx } from '../../../platform/audit/audit.ts';
import { tablesOf } from '../../../platform/database/database.ts';
import { getAuthorityById } from '../../authorities/index.ts';
import { completeSealing } from '../../documents/index.ts';
import { sealPdf } from '../seal-pdf.ts';
import type { LayoutRenderer } from './content.ts';
import { type IssuingContext, verifyUrlOf } from './issue-document.ts';
import { renderIssuedPdf } from './render.ts';
import type { IssuingTables } from './tables.ts';

/**
 * The sealing job: lays the document out again from the register (the same words, serial and QR
 * code), seals it with the authority's current seal key and a timestamp, then puts the sealed PDF in
 * place and records its hash in the register in one transaction. A retry after a crash starts over;
 * a document already sealed is left alone.
 */
export async function sealIssued(
  context: IssuingContext,
  issuedId: string,
  layouts: Record<string, LayoutRenderer>,
  now = new Date(),
): Promise<void> {
  const tables = tablesOf<IssuingTables>(context.db);
  const row = await tables
    .selectFrom('issued_documents')
    .selectAll()
    .where('id', '=', issuedId)
    .executeTakeFirst();
  if (!row || row.sealed_at) return;
  const authority = await getAuthorityById(context.db, row.authority_id);
  if (!authority) throw new Error(`Issued document ${row.serial} names an unknown authority`);
  const own = row.layout && layouts[row.layout.kind];
  if (row.layout && !own) throw new Error(`No renderer for the layout ${row.layout.kind} of ${row.serial}`);
  const pdf = own
    ? await own(row.layout?.data)
    : await renderIssuedPdf({
        authority,
        language: row.language,
        type: row.type,
        serial: row.serial,
        issuedAt: row.issued_at,
        validUntil: row.valid_until,
        content: row.content,
        qrPayload: row.qr_payload,
        verifyUrl: verifyUrlOf(context),
      });
  const sealed = Buffer.from(await sealPdf(context, { authorityId: authority.id, pdf }));
  const sha256 = createHash('sha256').update(sealed).digest('hex');
  await context.db.transaction().execute((tx) =>
    auditedTx(
      tx,
      {
        actor: 'system',
        action: 'document.seal',
        subjectType: 'issued-document',
        subjectId: row.id,
        authorityId: row.authority_id,
        details: { serial: row.serial, sha256 },
      },
      async (tx) => {
        const placed = await completeSealing(context.vault, row.document_id, sealed, tx);
        if (!placed) return;
        await tablesOf<IssuingTables>(tx)
          .updateTable('issued_documents')
          .set({ sha256, sealed_at: now })
          .where('id', '=', row.id)
          .where('sealed_at', 'is', null)
          .execute();
      },
    ),
  );
}
