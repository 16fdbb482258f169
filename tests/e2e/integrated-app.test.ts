import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masterKeysFor } from '../../src/platform/crypto/master-keys.ts';
import { connectDemoApps } from '../../src/seed/demo-apps.ts';
import { expectNoAxeViolations, launchBrowser, loggedInAs } from '../support/browser.ts';
import { serveTestApp } from '../support/serve-test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
  // As `guichet start` does once it listens.
  await connectDemoApps(
    server.database.db,
    await masterKeysFor(server.config, server.database.db),
    server.url,
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('an authority’s own application in Guichet’s frame', () => {
  it('shows Guichet’s header and footer, and signs in the person already logged in to the portal without asking again', {
    timeout: 90_000,
  }, async () => {
    const page = await loggedInAs(browser, server.url, 'Sophie Rochat', { timeout: 15_000 });
    await page.goto(`${server.url}/simulators/sion-app`);
    // The commune's header (its name, the portal's navigation) and footer, from the frame.
    expect(await page.locator('header.header .header__name').textContent()).toContain('Sion');
    expect(await page.locator('footer.footer').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Se connecter', exact: true }).getAttribute('href')).toBe(
      `${server.url}/login`,
    );
    await page.getByRole('link', { name: 'Se connecter avec le guichet' }).click();
    // Single sign-on: no login page, straight back, with the account the person acts for.
    await page.waitForURL(`${server.url}/simulators/sion-app`);
    expect(await page.locator('main').textContent()).toContain('Bonjour Sophie Rochat');
    expect(await page.locator('main').textContent()).toContain(
      'Vous agissez pour votre compte personnel : Sophie Rochat',
    );
    await expectNoAxeViolations(page);
  });
});
