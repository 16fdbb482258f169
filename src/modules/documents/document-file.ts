import type { Context } from 'hono';
import { fileResponse } from '../../platform/http/file-response.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import { type DocumentRow, type DocumentVault, readDocument } from './documents.ts';
import { documentMessages } from './messages.ts';

/** A document's content as a response (see `fileResponse`). */
export async function documentFile(
  c: Context,
  vault: DocumentVault,
  document: DocumentRow,
): Promise<Response> {
  if (document.awaiting_seal) {
    const why = documentMessages.translator(c.var.locale)('beingSealed');
    throw new HttpError(409, 'document_being_sealed', why, why);
  }
  return fileResponse(c, {
    bytes: await readDocument(vault, document),
    contentType: document.content_type,
    filename: document.filename,
  });
}
