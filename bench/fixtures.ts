import { randomBytes } from 'node:crypto';
import { type DocumentVault, publishDocument } from '../src/modules/documents/index.ts';

/** A 200 KB extract in a person's documents, as the debt-collection office publishes one. */
export async function publishExtract(
  vault: DocumentVault,
  to: { accountId: string; authorityId: string },
  idempotencyKey: string,
) {
  const { document } = await publishDocument(vault, {
    ...to,
    title: 'Extrait',
    category: 'extract',
    theme: 'debtCollection',
    message: null,
    filename: 'extrait.pdf',
    bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200 * 1024), Buffer.from('\n%%EOF\n')]),
    idempotencyKey,
    publishedBy: 'bench',
  });
  return document;
}
