import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { serveTestApp } from '../support/serve-test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

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
      const context = await browser.newContext({ locale: 'fr-CH' });
      try {
        // Were the browser sent there, it would find a page rather than a name resolution error.
        await context.route(
          (url) => url.hostname === 'evil.example',
          (route) => route.fulfill({ body: 'phished', contentType: 'text/html' }),
        );
        const page = await context.newPage();
        await page.goto(`${server.url}/login/oidc/dev?return=${encodeURIComponent(value)}`);
        await page.getByLabel('Sophie Rochat').check();
        await page.getByLabel('élevé').check();
        await page.getByRole('button', { name: 'Continuer' }).click();
        await page.waitForURL(
          (url) => !url.pathname.startsWith('/dev-idp') && !url.pathname.startsWith('/login'),
        );
        expect(page.url()).toBe(`${server.url}/`);
        expect(await page.getByRole('banner').textContent()).toContain('Sophie Rochat');
      } finally {
        await context.close();
      }
    },
  );

  it('still brings people back to the page of this site they came from', async () => {
    const context = await browser.newContext({ locale: 'fr-CH' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/login/oidc/dev?return=${encodeURIComponent('/accounts?lang=fr')}`);
      await page.getByLabel('Sophie Rochat').check();
      await page.getByLabel('élevé').check();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await page.waitForURL(`${server.url}/accounts?lang=fr`);
    } finally {
      await context.close();
    }
  });
});
