import * as OTPAuth from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';

let context: BrowserContext;

const e2e = useBrowserAndServer();
afterEach(() => context?.close());

async function open(): Promise<Page> {
  context = await e2e.browser.newContext({ locale: 'fr-CH' });
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
    await page.goto(e2e.server.url);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await expectNoAxeViolations(page);
    const anonymousSession = (await context.cookies()).find((c) => c.name === 'guichet_session')?.value;

    await loginWithTestProvider(page, 'Sophie Rochat', 'élevé');
    await page.waitForURL(`${e2e.server.url}/`);
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
    for (const link of ['Voir mes sessions', 'Mes préférences']) {
      await page.goto(`${e2e.server.url}/accounts`);
      await page.getByRole('link', { name: link }).click();
      await expectNoAxeViolations(page);
    }
    await page.getByRole('checkbox', { name: 'Nouveau document par E-mail' }).uncheck();
    await page.getByRole('button', { name: 'Enregistrer les préférences' }).click();
    await page.getByRole('link', { name: 'Ajouter un numéro de mobile' }).click();
    await expectNoAxeViolations(page);
    await page.goto(`${e2e.server.url}/preferences`);
    await page.getByRole('link', { name: 'Abonner un appareil' }).click();
    await expectNoAxeViolations(page);

    await header.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Log out of the test identity provider too' }).click();
    await page.waitForURL(`${e2e.server.url}/`);
    expect(await header.textContent()).not.toContain('Sophie Rochat');
    expect(await header.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
  });

  it('logs in at "high", uses a business account, links e-mail + password + TOTP, logs in with it, steps up to "high"', {
    timeout: 60_000,
  }, async () => {
    const page = await open();
    await page.goto(`${e2e.server.url}/login`);
    await loginWithTestProvider(page, 'Thomas Imboden', 'élevé');
    await page.waitForURL(`${e2e.server.url}/`);
    // Logged in at "high" without asking for it: the page that needs "high" opens straight away.
    await page.goto(`${e2e.server.url}/profile?lang=fr`);
    expect(page.url()).toBe(`${e2e.server.url}/profile?lang=fr`);
    // Thomas signs for Imboden Bau AG: he opens and uses its business account.
    await page.goto(`${e2e.server.url}/accounts`);
    await page.getByRole('button', { name: /Ouvrir le compte professionnel de Imboden Bau AG/ }).click();
    expect(await page.getByRole('banner').textContent()).toContain('Compte professionnel : Imboden Bau AG');

    // Thomas's identity says German; this test reads the French labels.
    await page.goto(`${e2e.server.url}/profile/local-means?lang=fr`);
    await expectNoAxeViolations(page);
    expect(await page.getByRole('img', { name: 'Code QR de la clé ci-dessous' }).isVisible()).toBe(true);
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    const code = (timestamp = Date.now()) => totp.generate({ timestamp });
    await page.getByLabel('Adresse e-mail').fill('thomas@example.ch');
    await page.getByLabel('Mot de passe').fill('short');
    await page.getByLabel('Code affiché par l’application').fill(code());
    await page.getByRole('button', { name: 'Ajouter ce moyen' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('au moins 12 caractères');
    await expectNoAxeViolations(page);
    await page.getByLabel('Mot de passe').fill('Bergbahn nach Belalp 2026');
    const enrolmentCode = code();
    await page.getByLabel('Code affiché par l’application').fill(enrolmentCode);
    await page.getByRole('button', { name: 'Ajouter ce moyen' }).click();
    await page.waitForURL(/profile\/identities\?linked=1/);
    const means = page.getByRole('table');
    expect(await means.textContent()).toContain('E-mail et mot de passe');
    expect(await means.textContent()).toContain('substantiel');
    await expectNoAxeViolations(page);

    await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Log out of the test identity provider too' }).click();
    await page.waitForURL(`${e2e.server.url}/`);

    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel('Adresse e-mail').fill('thomas@example.ch');
    await page.getByLabel('Mot de passe').fill('Bergbahn nach Belalp 2026');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL(/login\/local\/totp/);
    await expectNoAxeViolations(page);
    // The code typed at enrolment is spent, which is said; the next time step's code (within the allowed
    // drift) works.
    await page.getByLabel('Code de vérification').fill(enrolmentCode);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(
      'Attendez que votre application affiche le code suivant',
    );
    await page.getByLabel('Code de vérification').fill(code(Date.now() + 30_000));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.waitForURL(`${e2e.server.url}/`);
    expect(await page.getByRole('banner').textContent()).toContain('Thomas Imboden');

    await page.goto(`${e2e.server.url}/profile`);
    await page.waitForURL(/\/login\?/);
    expect(page.url()).toContain('level=high');
    expect(await page.getByRole('main').textContent()).toContain('niveau de garantie « élevé »');
    expect(await page.getByLabel('Mot de passe').count()).toBe(0); // the local means cannot give "high"
    await loginWithTestProvider(page, 'Thomas Imboden', 'élevé');
    await page.waitForURL(`${e2e.server.url}/profile`);
    expect(await page.getByRole('main').textContent()).toContain('756.2345.6789.08');
    await expectNoAxeViolations(page);
  });

  it('ends the session here when the person logs out at the identity provider (back-channel logout)', async () => {
    const page = await open();
    await page.goto(`${e2e.server.url}/login`);
    await loginWithTestProvider(page, 'Marc Darbellay', 'substantiel');
    await page.waitForURL(`${e2e.server.url}/`);
    expect(await page.getByRole('banner').textContent()).toContain('Marc Darbellay');

    // Logging out at the provider itself, not through Guichet: the provider calls us server to server.
    await page.goto(`${e2e.server.url}/dev-idp/session/end`);
    await page.getByRole('button', { name: 'Log out of the test identity provider too' }).click();
    await page.waitForLoadState();
    await page.goto(e2e.server.url);
    expect(await page.getByRole('banner').textContent()).not.toContain('Marc Darbellay');

    const forged = await fetch(`${e2e.server.url}/login/oidc/dev/backchannel-logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }),
    });
    expect(forged.status).toBe(400);
  });
});
