import type { Context } from 'hono';
import { type DocumentRow, type DocumentVault, readDocument } from './documents.ts';

/**
 * A document's content as a response: inline (`?inline=1`) only for what browsers show safely (PDF,
 * images), a download otherwise; never cached, never sniffed.
 */
export async function documentFile(
  c: Context,
  vault: DocumentVault,
  document: DocumentRow,
): Promise<Response> {
  const bytes = await readDocument(vault, document);
  const viewable = document.content_type === 'application/pdf' || document.content_type.startsWith('image/');
  const disposition = viewable && c.req.query('inline') === '1' ? 'inline' : 'attachment';
  const ascii = document.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': document.content_type,
    'Content-Length': String(bytes.length),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}
