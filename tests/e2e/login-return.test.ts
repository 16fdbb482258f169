import { describe, expect, it } from 'vitest';
import { useBrowserAndServer } from '../support/browser-and-server.ts';

const e2e = useBrowserAndServer();

/** `return` values a browser would have followed to another host, or that broke the redirect (CR, LF). */
const bypasses = [
  '/\t/evil.example/phish',
  '/\n/evil.example/phish',
  '/\r\n/evil.example/phish',
  '/\\evil.example/phish',
  '/.//evil.example/phish',
  '//@evil.example/phish',
  'https:evil.example/phish',
  '\uff0f\uff0fevil.example/phish',
];

describe('the return address after logging in', () => {
  it.each(bypasses.map((value) => [JSON.stringify(value), value]))(
    'stays on this site for return=%s',
    async (_label, value) => {
      const context = await e2e.browser.newContext({ locale: 'fr-CH' });
      try {
        // Were the browser sent there, it would find a page rather than a name resolution error.
        await context.route(
          (url) => url.hostname === 'evil.example',
          (route) => route.fulfill({ body: 'phished', contentType: 'text/html' }),
        );
        const page = await context.newPage();
        await page.goto(`${e2e.server.url}/login/oidc/dev?return=${encodeURIComponent(value)}`);
        await page.getByLabel('Sophie Rochat').check();
        await page.getByLabel('élevé').check();
        await page.getByRole('button', { name: 'Continuer' }).click();
        await page.waitForURL(
          (url) => !url.pathname.startsWith('/dev-idp') && !url.pathname.startsWith('/login'),
        );
        expect(page.url()).toBe(`${e2e.server.url}/`);
        expect(await page.getByRole('banner').textContent()).toContain('Sophie Rochat');
      } finally {
        await context.close();
      }
    },
  );

  it('still brings people back to the page of this site they came from', async () => {
    const context = await e2e.browser.newContext({ locale: 'fr-CH' });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/login/oidc/dev?return=${encodeURIComponent('/accounts?lang=fr')}`);
      await page.getByLabel('Sophie Rochat').check();
      await page.getByLabel('élevé').check();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await page.waitForURL(`${e2e.server.url}/accounts?lang=fr`);
    } finally {
      await context.close();
    }
  });
});
