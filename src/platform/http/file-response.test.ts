import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { fileResponse } from './file-response.ts';

const serve = (file: { contentType: string; filename: string }) => {
  const app = new Hono();
  app.get('/f', (c) => fileResponse(c, { ...file, bytes: Buffer.from('x') }));
  return app.request('/f?inline=1');
};

describe('fileResponse', () => {
  it('shows a PDF in place only when asked, never an SVG or HTML', async () => {
    const pdf = await serve({ contentType: 'application/pdf', filename: 'a.pdf' });
    expect(pdf.headers.get('Content-Disposition')).toMatch(/^inline; /);
    for (const contentType of ['image/svg+xml', 'text/html']) {
      const response = await serve({ contentType, filename: 'a.svg' });
      expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; /);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  it('names the download without paths, line breaks or bidi overrides, even for old stored names', async () => {
    const response = await serve({
      contentType: 'application/pdf',
      filename: '../x\r\nSet-Cookie: a\u202Efdp.exe',
    });
    expect(response.headers.get('Content-Disposition')).toBe(
      `inline; filename="x_Set-Cookie_ a_fdp.exe"; filename*=UTF-8''x_Set-Cookie_%20a_fdp.exe`,
    );
  });
});
