import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMandate, type MandateTheme, proposeMandate } from '../../src/modules/mandates/index.ts';
import { expectNoAxeViolations, launchBrowser, loggedInAs } from '../support/browser.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { serveTestApp } from '../support/serve-test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const login = (name: string) => loggedInAs(browser, server.url, name, { timeout: 40_000 });

/** Downloads what the link gives and returns its first bytes. */
async function downloaded(page: Page, name: RegExp): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).first().click(),
  ]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).subarray(0, 5).toString();
}

/** A mandate from the principal to Claire Fellay on these themes, accepted (both have logged in). */
async function mandateToClaire(principalName: string, themes: MandateTheme[]) {
  const { db } = server.database;
  const { personId: principal, accountId: account } = await demoPerson(db, principalName);
  const { personId: claire } = await demoPerson(db, 'Claire Fellay');
  const mandate = await proposeMandate(db, principal, 'holder', {
    principalAccountId: account,
    agent: { personId: claire },
    themes,
    permissions: ['consult'],
    validFrom: '2020-01-01',
  });
  await acceptMandate(db, claire, mandate.id);
}

describe('the tax services', () => {
  it('a person consults their tax file and tax situation, downloads a document and a QR-bill, at both widths', {
    timeout: 180_000,
  }, async () => {
    const sophie = await login('Sophie Rochat');
    await sophie.goto(`${server.url}/my`);
    await sophie.getByRole('link', { name: 'Documents du dossier fiscal' }).click();
    await sophie.getByRole('heading', { level: 1, name: 'Documents du dossier fiscal' }).waitFor();
    const file = (await sophie.getByRole('main').textContent()) ?? '';
    expect(file).toContain('Année fiscale 2025');
    expect(file).toContain('Décision de taxation 2025');
    expect(file).not.toContain('Décision de taxation 2024');
    await expectNoAxeViolations(sophie);
    expect(await downloaded(sophie, /Télécharger Décision de taxation 2025/)).toBe('%PDF-');
    await sophie.getByRole('link', { name: 'Demander des documents plus anciens' }).click();
    await sophie.waitForURL(/\/forms\/[0-9a-f-]{36}\/start/);
    expect(await sophie.getByRole('main').textContent()).toContain('Documents fiscaux plus anciens');

    await sophie.goto(`${server.url}/my`);
    await sophie.getByRole('link', { name: 'Situation fiscale' }).click();
    const table = sophie.getByRole('table', { name: 'Compte par période fiscale et par impôt' });
    expect(await table.textContent()).toContain('Impôt cantonal et communal');
    expect(await table.textContent()).toContain('Total');
    // At a desktop's width every column is in view, the due date included: nothing to scroll to.
    expect(await table.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0))).toBe(true);
    await expectNoAxeViolations(sophie);
    expect(await downloaded(sophie, /QR-facture SCC-2025-0001-1/)).toBe('%PDF-');

    await sophie.setViewportSize({ width: 360, height: 800 });
    await expectNoAxeViolations(sophie);
    await sophie.goto(`${server.url}/tax/documents`);
    await expectNoAxeViolations(sophie);
  });

  it('a fiduciary with a tax mandate sees the client’s tax file, logged for the client; without one, nothing', {
    timeout: 180_000,
  }, async () => {
    const claire = await login('Claire Fellay');
    const sophie = await login('Sophie Rochat');
    await (await login('Thomas Imboden')).close();
    await mandateToClaire('Sophie Rochat', ['tax']);
    await mandateToClaire('Thomas Imboden', ['debtCollection']);

    await claire.goto(`${server.url}/accounts`);
    await claire.getByRole('button', { name: 'Agir pour Sophie Rochat' }).click();
    await claire.goto(`${server.url}/my`);
    await claire.getByRole('link', { name: 'Documents du dossier fiscal' }).click();
    expect(await claire.getByRole('main').textContent()).toContain('Décision de taxation 2025');
    await expectNoAxeViolations(claire);
    await claire.goto(`${server.url}/tax/situation`);
    expect(await claire.getByRole('main').textContent()).toContain('SCC-2025-0001-1');

    await sophie.goto(`${server.url}/mandates`);
    await sophie.getByRole('link', { name: 'Ce qu’elle a consulté et fait Claire Fellay' }).click();
    const log = (await sophie.getByRole('table').textContent()) ?? '';
    expect(log).toContain('Dossier fiscal consulté');
    expect(log).toContain('Situation fiscale consultée');

    // For Thomas she holds a mandate on debt collection only: nothing of his taxes, not even the way in.
    await claire.goto(`${server.url}/accounts`);
    await claire.getByRole('button', { name: 'Agir pour Thomas Imboden' }).click();
    await claire.goto(`${server.url}/my`);
    expect(await claire.getByRole('link', { name: 'Documents du dossier fiscal' }).count()).toBe(0);
    for (const path of ['/tax/documents', '/tax/situation']) {
      const answer = await claire.goto(`${server.url}${path}`);
      expect(answer?.status()).toBe(404);
      const main = (await claire.getByRole('main').textContent()) ?? '';
      expect(main).toContain('Page introuvable');
      expect(main).not.toMatch(/Impôt|CHF|taxation|20\d\d/);
    }
    await expectNoAxeViolations(claire);
  });
});
