import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { serveTestApp } from '../support/serve-test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;
let context: BrowserContext;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(() => context?.close());

async function open(): Promise<Page> {
  context = await browser.newContext({ locale: 'fr-CH' });
  return context.newPage();
}

async function loginWithTestProvider(page: Page, person: string, level: string) {
  await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
  await page.waitForURL(/\/dev-idp\/interaction\//);
  await expectNoAxeViolations(page);
  await page.getByLabel(person).check();
  await page.getByLabel(level).check();
  await page.getByRole('button', { name: 'Continuer' }).click();
}

describe('logging in with an electronic identity', () => {
  it('logs in through the OpenID provider, opens and uses a business account, logs out', async () => {
    const page = await open();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await expectNoAxeViolations(page);
    const anonymousSession = (await context.cookies()).find((c) => c.name === 'guichet_session')?.value;

    await loginWithTestProvider(page, 'Sophie Rochat', 'élevé');
    await page.waitForURL(`${server.url}/`);
    const header = page.getByRole('banner');
    expect(await header.textContent()).toContain('Sophie Rochat');
    expect(await header.textContent()).toContain('Compte personnel');
    const loggedInSession = (await context.cookies()).find((c) => c.name === 'guichet_session')?.value;
    expect(loggedInSession).toBeTruthy();
    expect(loggedInSession).not.toBe(anonymousSession);

    await header.getByRole('link', { name: /Sophie Rochat/ }).click();
    await expectNoAxeViolations(page);
    await page
      .getByRole('button', { name: /Ouvrir le compte professionnel de Pharmacie du Rhône SA/ })
      .click();
    expect(await page.getByRole('region', { name: 'Succès' }).textContent()).toContain(
      'Pharmacie du Rhône SA',
    );
    expect(await header.textContent()).toContain('Compte professionnel : Pharmacie du Rhône SA');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Utiliser ce compte Sophie Rochat' }).click();
    expect(await header.textContent()).toContain('Compte personnel');

    await header.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Log out of the test identity provider too' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await header.textContent()).not.toContain('Sophie Rochat');
    expect(await header.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
  });
});
