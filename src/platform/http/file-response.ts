import type { Context } from 'hono';
import { safeFileName } from '../uploads/safe-file-name.ts';

/** What a browser may show in place: types it renders without running anything of the file's own. */
const viewableInPlace = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * A stored file as a response: a download (`attachment`) under a server-made name, with the type found
 * in its content when it was received, never sniffed, never cached. Only PDFs and photos may be shown
 * in place (`?inline=1`); anything else, SVG and HTML included, is always a download.
 */
export function fileResponse(
  c: Context,
  file: { bytes: Buffer; contentType: string; filename: string },
): Response {
  const disposition =
    viewableInPlace.has(file.contentType) && c.req.query('inline') === '1' ? 'inline' : 'attachment';
  // Names stored before uploads were checked may still carry controls or bidi overrides.
  const filename = safeFileName(file.filename);
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return c.body(new Uint8Array(file.bytes), 200, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.bytes.length),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}
