import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, loggedInAs, watchCspViolations } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { grantDevRole } from '../support/dev-staff.ts';

let context: BrowserContext;

const e2e = useBrowserAndServer();
afterEach(async () => {
  await context?.close();
});

async function open(options: { width?: number; javaScript?: boolean; locale?: string } = {}): Promise<Page> {
  context = await e2e.browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
    locale: options.locale ?? 'fr-CH',
  });
  return context.newPage();
}

describe('a visitor on the portals', () => {
  it('reads the canton’s home, switches to German, visits a commune: no axe violation, no CSP report', async () => {
    const page = await open();
    const csp = watchCspViolations(page);
    await page.goto(e2e.server.url);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Bienvenue au guichet numérique',
    );
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Deutsch' }).click();
    await page.waitForURL(/lang=de/);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Willkommen am digitalen Schalter',
    );
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Brig-Glis' }).click();
    await page.waitForURL(/communes\/brig-glis/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Digitaler Schalter von Brig-Glis',
    );
    const header = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(header).toBe('rgb(0, 75, 135)'); // the commune's own colour
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Digital counter of Brig-Glis');
    expect(csp).toEqual([]);
  });

  it('fits a 360 px wide phone without an axe violation', async () => {
    const page = await open({ width: 360 });
    for (const path of [
      '/',
      '/communes/sion',
      '/communes/sierre',
      '/components',
      '/login',
      '/register',
      '/login/recover',
    ]) {
      await page.goto(`${e2e.server.url}${path}`);
      await expectNoAxeViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow, `${path} scrolls sideways at 360 px`).toBe(false);
    }
  });

  it('browses and switches language with JavaScript turned off', async () => {
    const page = await open({ javaScript: false });
    await page.goto(e2e.server.url);
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Welcome to the digital counter',
    );
    await page.getByRole('link', { name: 'Sierre' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Digital counter of Sierre');
  });

  it('renders every shared component without an axe violation', async () => {
    const page = await open();
    await page.goto(`${e2e.server.url}/components`);
    expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThanOrEqual(8);
    await expectNoAxeViolations(page);
  });
});

describe('an authority admin', () => {
  it('is refused an unreadable palette, then saves a readable one', async () => {
    const page = await loggedInAs(e2e.browser, e2e.server.url, 'Marc Darbellay');
    context = page.context();
    await grantDevRole(e2e.server.database.db, 'Marc Darbellay', 'sierre', 'authorityAdmin');
    await page.goto(`${e2e.server.url}/authorities/sierre/branding`);
    await expectNoAxeViolations(page);

    await page.getByLabel('Couleur de la barre de navigation').fill('#ffcc00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Contraste insuffisant');
    // The script moves focus to the summary so that screen readers announce it.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await expectNoAxeViolations(page);

    await summary.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('accent');
    await page.getByLabel('Couleur de la barre de navigation').fill('#2b2b2b');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.getByRole('region', { name: 'Succès' }).textContent()).toContain(
      'Les nouvelles couleurs',
    );
    await expectNoAxeViolations(page);
  });
});
