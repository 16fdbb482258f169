import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';

const e2e = useBrowserAndServer();

// Links a crawl must not follow: they end the session, leave the portal, or answer with a file.
const skipped = [
  /^\/logout/,
  /^\/login/,
  /^\/dev-idp/,
  /^\/oidc/,
  /^\/assets\//,
  /\.(pdf|csv|json|xml|txt)$/,
];
const isFile = (path: string) => /\/(download|export|files?|receipt|attachments)(\/|$|\?)/.test(path);

/**
 * WCAG 1.4.10 (reflow): at 320 CSS px nothing may need horizontal scrolling. Walks every page the
 * person can reach by links from where they start, and reports each page wider than the screen with
 * the widest element on it.
 */
async function crawl(page: Page, starts: string[], limit = 70) {
  const origin = new URL(e2e.server.url).origin;
  const queue = [...starts];
  const seen = new Set(queue);
  const overflowing: string[] = [];
  let visited = 0;
  while (queue.length > 0 && visited < limit) {
    const path = queue.shift() as string;
    const response = await page.goto(`${origin}${path}`);
    visited++;
    if (!response?.headers()['content-type']?.includes('text/html')) continue;
    const report = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return null;
      // The innermost elements that stick out: what has to change.
      const culprits = Array.from(document.body.querySelectorAll('*')).filter(
        (element) =>
          element.getBoundingClientRect().right > width + 1 &&
          !Array.from(element.children).some((child) => child.getBoundingClientRect().right > width + 1),
      );
      const widest = culprits
        .slice(0, 3)
        .map(
          (e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 30)}"`,
        )
        .join(', ');
      return `${document.documentElement.scrollWidth}px > ${width}px, widest: ${widest}`;
    });
    if (report) overflowing.push(`${path}: ${report}`);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      url.searchParams.delete('lang');
      const next = url.pathname + url.search;
      if (seen.has(next) || skipped.some((p) => p.test(url.pathname)) || isFile(url.pathname)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return { overflowing, visited };
}

describe('reflow at 320 px', () => {
  it.each([
    [
      'Sophie Rochat',
      ['/', '/my', '/mandates', '/accounts', '/requests', '/documents', '/messages', '/payments'],
    ],
    [
      'Nadia Berclaz',
      ['/', '/my', '/back-office/catalogue', '/back-office/forms', '/authorities/sion/branding'],
    ],
    ['Luc Fournier', ['/back-office/authorities/spf/requests', '/back-office/authorities/spf/documents/new']],
  ])(
    'every page %s reaches fits the screen',
    async (person, starts) => {
      const page = await loggedInAs(e2e.browser, e2e.server.url, person, { width: 320 });
      const { overflowing, visited } = await crawl(page, starts);
      expect(visited).toBeGreaterThan(starts.length);
      expect(overflowing).toEqual([]);
      await page.context().close();
    },
    180_000,
  );

  it('mandates fit a phone, with mandates given and received', async () => {
    const agent = await loggedInAs(e2e.browser, e2e.server.url, 'Claire Fellay', { width: 320 });
    const principal = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat', { width: 320 });
    await principal.goto(`${e2e.server.url}/mandates`);
    await principal.getByLabel('Numéro AVS de la personne').fill('756.4567.8901.20');
    await principal.getByLabel('Nom de famille de la personne').fill('Fellay');
    await principal.getByRole('checkbox', { name: 'Impôts' }).check();
    await principal.getByRole('checkbox', { name: 'consulter' }).check();
    await principal.getByRole('button', { name: 'Proposer la procuration' }).click();
    await principal.waitForURL(/granted=1/);
    for (const page of [principal, agent]) {
      const { overflowing } = await crawl(page, ['/mandates', '/accounts', '/accounts/access-log'], 15);
      expect(overflowing).toEqual([]);
    }
    await principal.context().close();
    await agent.context().close();
  }, 120_000);

  it('every public page fits the screen, in German too', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'de-CH' });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/?lang=de`);
    const { overflowing, visited } = await crawl(
      page,
      ['/', '/communes/brig-glis', '/login', '/services'],
      60,
    );
    expect(visited).toBeGreaterThan(4);
    expect(overflowing).toEqual([]);
    await context.close();
  }, 180_000);
});

describe('boxes that wrap on a phone', () => {
  it('a link drawn as a button keeps its box, and a radio button its size beside a two-line label', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'fr-CH' });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/services/extrait-registre-poursuites?lang=fr`);
    const links = await page.$$eval('a.button', (as) => as.map((a) => getComputedStyle(a).display));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((display) => display === 'inline')).toEqual([]);

    await page.goto(`${e2e.server.url}/login?lang=fr`);
    await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
    const radios = await page.$$eval('.choice input', (inputs) =>
      inputs.map((input) => Math.round(input.getBoundingClientRect().width)),
    );
    expect(new Set(radios)).toEqual(new Set([24]));
    await context.close();
  }, 60_000);
});
