import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { expectNoAxeViolations, launchBrowser, watchCspViolations } from '../support/browser.ts';
import { createCitizen } from '../support/factories.ts';
import { firstPageAsPng, issueSealedExtract } from '../support/issued-documents.ts';
import { serveTestApp } from '../support/serve-test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;
const folder = mkdtempSync(path.join(os.tmpdir(), 'guichet-verify-e2e-'));

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the public verification page', () => {
  it('verifies the photo of a printed document in the browser, and again with the network cut', {
    timeout: 120_000,
  }, async () => {
    const { db } = server.database;
    const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    const citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Favre' });
    const { bytes } = await issueSealedExtract(server, {
      authorityId: spf,
      accountId: citizen.account.id,
      key: 'e2e',
    });
    const photo = path.join(folder, 'extrait.png');
    writeFileSync(photo, firstPageAsPng(bytes));

    const context = await browser.newContext({ locale: 'fr-CH', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = watchCspViolations(page);
    await page.goto(`${server.url}/verify?lang=fr`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Vérifier un document' }).isVisible(),
    ).resolves.toBe(true);
    await expectNoAxeViolations(page);
    // The service worker takes the page, its scripts and the lists with it on this first visit.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });

    const verify = async () => {
      await page.getByLabel('Photo du code QR ou document PDF').setInputFiles(photo);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      const verdict = page.getByRole('region', { name: 'Document valable' });
      await verdict.waitFor({ timeout: 30_000 });
      return verdict.innerText();
    };
    const online = await verify();
    expect(online).toContain('Léa Favre');
    expect(online).toContain('1988-03-14');
    expect(online).toContain('Service des poursuites et faillites');
    expect(online).toContain('Vérifié sur cet appareil.');
    // The type is named, as on the paper, not by the code signed in the QR code.
    expect(online).toMatch(/Type de document\s+Extrait/);
    expect(online).not.toMatch(/\bextract\b/);

    await page.setViewportSize({ width: 360, height: 800 });
    await expectNoAxeViolations(page);

    await context.setOffline(true);
    await page.reload();
    const offline = await verify();
    expect(offline).toContain('Léa Favre');
    expect(offline).toContain('Vérifié sans connexion');
    expect(csp).toEqual([]);
    await context.close();
  });

  it('without JavaScript, the server verifies the uploaded PDF and says where it was issued', {
    timeout: 90_000,
  }, async () => {
    const { db } = server.database;
    const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    const citizen = await createCitizen(db, { givenNames: 'Marc', familyName: 'Roux' });
    const { bytes } = await issueSealedExtract(server, {
      authorityId: spf,
      accountId: citizen.account.id,
      key: 'e2e-pdf',
    });
    const pdf = path.join(folder, 'extrait.pdf');
    writeFileSync(pdf, bytes);
    const context = await browser.newContext({ locale: 'de-CH', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/verify?lang=de`);
    await page.getByLabel('Foto des QR-Codes oder PDF-Dokument').setInputFiles(pdf);
    await page.getByRole('button', { name: 'Prüfen' }).click();
    const verdict = page.getByRole('region', { name: 'Gültiges Dokument' });
    await verdict.waitFor();
    const text = await verdict.innerText();
    expect(text).toContain('Von der Behörde registriert');
    expect(text).toMatch(/Dokumentart\s+Auszug/);
    await context.close();
  });
});
