import { describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { issueSealedExtract } from '../support/issued-documents.ts';

const e2e = useBrowserAndServer();

describe('the wallet', () => {
  it('keeps the recent documents and their verification codes on the phone once the network is cut', {
    timeout: 120_000,
  }, async () => {
    const page = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat', {
      timeout: 15_000,
      width: 360,
    });
    const { db } = e2e.server.database;
    const { accountId } = await demoPerson(db, 'Sophie Rochat');
    const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    const { serial } = await issueSealedExtract(e2e.server, {
      authorityId: spf,
      accountId,
      key: 'wallet-e2e',
    });

    await page.goto(`${e2e.server.url}/documents`);
    await page.getByRole('link', { name: 'Mes attestations sur ce téléphone, même hors ligne' }).click();
    const manifest = await page.request.get(
      `${e2e.server.url}${await page.locator('link[rel="manifest"]').getAttribute('href')}`,
    );
    expect(await manifest.json()).toMatchObject({ start_url: '/wallet', display: 'standalone' });
    // Installed: the service worker controls the page once it is ready.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoAxeViolations(page);
    }

    await page.context().setOffline(true);
    await page.reload();
    expect(await page.getByRole('heading', { name: 'Extrait du registre des poursuites' }).isVisible()).toBe(
      true,
    );
    expect(await page.getByText(`Numéro ${serial}`).isVisible()).toBe(true);
    expect(
      await page
        .getByRole('img', { name: 'Code de vérification de « Extrait du registre des poursuites »' })
        .isVisible(),
    ).toBe(true);
    await page.context().setOffline(false);
  });
});
