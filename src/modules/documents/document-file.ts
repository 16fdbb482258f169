import type { Context } from 'hono';
import { fileResponse } from '../../platform/http/file-response.ts';
import { type DocumentRow, type DocumentVault, readDocument } from './documents.ts';

/** A document's content as a response (see `fileResponse`). */
export async function documentFile(
  c: Context,
  vault: DocumentVault,
  document: DocumentRow,
): Promise<Response> {
  return fileResponse(c, {
    bytes: await readDocument(vault, document),
    contentType: document.content_type,
    filename: document.filename,
  });
}
