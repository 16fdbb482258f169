import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../tests/support/test-app.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  testApp = await createTestApp({ env: { PUBLIC_URL: 'https://guichet.example' } });
});
afterAll(() => testApp.close());

describe('the visual frame for authorities’ applications', () => {
  it('gives the header in the language asked, with absolute links, cacheable by anyone', async () => {
    const response = await testApp.app.request('/frame/v1/sion/header?lang=de');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('public, max-age=3600');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('content-language')).toBe('de');
    const html = await response.text();
    expect(html).toContain('<header class="header">');
    expect(html).toContain('href="https://guichet.example/communes/sion"');
    expect(html).not.toMatch(/(href|src)="\//);
    expect(html).not.toContain('_csrf');
    // The same bytes for everyone: a second ask with its ETag is answered "not modified".
    const again = await testApp.app.request('/frame/v1/sion/header?lang=de', {
      headers: { 'If-None-Match': response.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('gives the footer, the commune’s colours and the script, and nothing for an unknown authority', async () => {
    expect(await (await testApp.app.request('/frame/v1/sion/footer?lang=fr')).text()).toContain('<footer');
    const css = await (await testApp.app.request('/frame/v1/sion/frame.css')).text();
    expect(css).toMatch(/@import url\("https:\/\/guichet\.example\/assets\/.*guichet.*\.css"\)/);
    expect(css).toMatch(/:root\{--brand:#[0-9a-f]{6};--brand-text:#[0-9a-f]{6};--accent:#[0-9a-f]{6}\}/i);
    const script = await testApp.app.request('/frame/v1/frame.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('"https://guichet.example"');
    expect((await testApp.app.request('/frame/v1/nowhere/header')).status).toBe(404);
  });
});
