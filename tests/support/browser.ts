import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with nothing reaching out to the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new browser context (its own cookies) logged in, in French, as one of the development identity
 * provider's test persons at the level "élevé"; closed with the browser.
 */
export async function loggedInAs(
  browser: Browser,
  baseUrl: string,
  person: string,
  options: { width?: number; timeout?: number; javaScript?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-CH',
    javaScriptEnabled: options.javaScript ?? true,
    ...(options.width && { viewport: { width: options.width, height: 900 } }),
  });
  const page = await context.newPage();
  if (options.timeout) page.setDefaultTimeout(options.timeout);
  await page.goto(`${baseUrl}/login?lang=fr`);
  await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
  await page.getByLabel(person).check();
  await page.getByLabel('élevé').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return page;
}

/**
 * Runs axe-core (WCAG 2.2 A and AA rules) on the page as it is and fails the test on any violation,
 * naming each rule and the elements concerned. Evaluated through the DevTools protocol, so the page's
 * strict CSP stays on.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  if (violations.length > 0) {
    const list = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`).join('\n  ');
    throw new Error(`axe-core found ${violations.length} violation(s) on ${page.url()}:\n  ${list}`);
  }
}

/** axe-core at a computer's width and a phone's (360 px), then back to the computer's. */
export async function accessibleAtBothWidths(page: Page): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** Collects what the browser reports about the page's CSP, so that tests can insist on none. */
export function watchCspViolations(page: Page): string[] {
  const reports: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) reports.push(message.text());
  });
  return reports;
}
