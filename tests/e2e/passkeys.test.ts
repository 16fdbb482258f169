import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { serveTestApp } from '../support/serve-test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;
let context: BrowserContext;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp({ hostname: 'localhost' })]);
  context = await browser.newContext({ locale: 'fr-CH' });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('passkeys', () => {
  it('adds a passkey to a person, then logs in with it alone', async () => {
    const page = await context.newPage();
    // A platform authenticator with user verification, as a phone or laptop has.
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
    await page.getByLabel('Claire Fellay').check();
    await page.getByLabel('substantiel').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/profile/identities?lang=fr`);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
    await page.waitForURL(/linked=1/);
    expect(await page.getByRole('table').textContent()).toContain('Clé d’accès (passkey)');

    await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Log out of the test identity provider too' }).click();
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/login?return=/accounts`);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Se connecter avec une clé d’accès' }).click();
    await page.waitForURL(`${server.url}/accounts`);
    expect(await page.getByRole('banner').textContent()).toContain('Claire Fellay');
  });
});
