import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectDemoHealthRegister } from '../../src/seed/demo-health.ts';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';

const e2e = useBrowserAndServer({ worker: true });

beforeAll(async () => {
  // As `guichet start` does once it listens: the register subscribes, Guichet learns its address.
  await connectDemoHealthRegister(e2e.server.database.db, e2e.server.url);
});

/** axe-core on the page as a computer and as a phone (360 px) show it. */
async function axeAtBothWidths(page: Page) {
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('a health professional’s administrative data', () => {
  it('a physician announces a new phone and a second site, an agent of the health service accepts, the register is updated', {
    timeout: 180_000,
  }, async () => {
    const anne = await loggedInAs(e2e.browser, e2e.server.url, 'Anne Zufferey', {
      width: 1280,
      timeout: 15_000,
    });
    await anne.goto(`${e2e.server.url}/health-register`);
    expect(await anne.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Mon inscription au registre des professionnels de la santé',
    );
    expect(await anne.getByRole('main').textContent()).toContain('7601000123459');
    await axeAtBothWidths(anne);

    await anne.getByRole('button', { name: 'Annoncer une modification' }).click();
    // The form comes filled with the register's values: Anne changes only what changes.
    const phone = anne.getByRole('group', { name: 'Ligne 2' });
    expect(await phone.getByLabel('Valeur au registre').inputValue()).toBe('+41 27 322 10 10');
    await phone.getByLabel('Nouvelle valeur').fill('+41 27 322 99 99');
    await anne
      .getByRole('group', { name: 'Ligne 5' })
      .getByLabel('Nouvelle valeur')
      .fill('Rue du Bourg 5, 3960 Sierre');
    await axeAtBothWidths(anne);
    await anne.getByRole('button', { name: 'Continuer', exact: true }).click();
    await anne.getByRole('button', { name: 'Envoyer la demande' }).click();
    expect(await anne.getByRole('heading', { level: 1 }).textContent()).toBe('Demande envoyée');

    // The health service's agent finds it, reads old and new values side by side, and accepts.
    const agent = await loggedInAs(e2e.browser, e2e.server.url, 'Isabelle Rey', {
      width: 1280,
      timeout: 15_000,
    });
    const inbox = `${e2e.server.url}/back-office/authorities/ssp/requests`;
    await expect
      .poll(
        async () => {
          await agent.goto(inbox);
          return agent.getByRole('link', { name: /^\d{4}-\d{6}$/ }).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await agent.getByRole('link', { name: /^\d{4}-\d{6}$/ }).click();
    const answers = (await agent.getByRole('main').textContent()) ?? '';
    expect(answers).toContain('+41 27 322 10 10');
    expect(answers).toContain('+41 27 322 99 99');
    await axeAtBothWidths(agent);
    await agent.getByRole('button', { name: 'Accepter et inscrire au registre' }).click();
    expect(await agent.getByRole('main').textContent()).toContain('Acceptée : au registre');

    // The register pulls the accepted change through the API; Anne sees it, with its history.
    await expect
      .poll(
        async () => {
          await anne.goto(`${e2e.server.url}/health-register`);
          return anne.getByRole('main').textContent();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toContain('+41 27 322 99 99');
    const history =
      (await anne.getByRole('table', { name: 'Historique des modifications' }).textContent()) ?? '';
    expect(history).toContain('Rue du Bourg 5, 3960 Sierre');
    expect(history).toContain('+41 27 322 10 10');
    await axeAtBothWidths(anne);
  });
});
