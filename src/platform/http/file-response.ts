import type { Context } from 'hono';

/**
 * A stored file as a response: inline (`?inline=1`) only for what browsers show safely (PDF, images),
 * a download otherwise; never cached, never sniffed.
 */
export function fileResponse(
  c: Context,
  file: { bytes: Buffer; contentType: string; filename: string },
): Response {
  const viewable = file.contentType === 'application/pdf' || file.contentType.startsWith('image/');
  const disposition = viewable && c.req.query('inline') === '1' ? 'inline' : 'attachment';
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return c.body(new Uint8Array(file.bytes), 200, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.bytes.length),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}
