import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectNarcoticsRegister } from '../../src/simulators/narcotics-register/index.ts';
import {
  registerPharmacies,
  registerStatements,
} from '../../src/simulators/narcotics-register/register-data.ts';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { methadoneLine, planta, statementXlsx } from '../support/narcotics.ts';

const e2e = useBrowserAndServer({ worker: true });

beforeAll(async () => {
  // As `guichet start` does once it listens: the register subscribes and hands in its earlier months.
  expect(await connectNarcoticsRegister(e2e.server.database.db, e2e.server.url)).toBe(true);
});

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 15_000 });

/** Axe at a desktop width and at a phone's (WCAG reflow), on the page as it is now. */
async function accessibleAtBothWidths(page: Page) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page);
  }
}

describe('narcotics statements', () => {
  it('a pharmacy imports its month with one bad line, fixes it and files; the cantonal pharmacist sees the patient shared with another pharmacy', {
    timeout: 240_000,
  }, async () => {
    // A patient the register knows at another pharmacy in October.
    const other = registerStatements().find((s) => s.month === '2026-10' && s.uid !== planta.uid);
    const shared = other?.lines[0]?.patientCode ?? '';
    expect(shared).toMatch(/^VS-/);

    const pharmacist = await loggedIn('Julie Crettenand');
    await pharmacist.goto(`${e2e.server.url}/accounts`);
    await pharmacist.getByRole('button', { name: `Agir pour ${planta.name}` }).click();
    await pharmacist.goto(`${e2e.server.url}/my`);
    await pharmacist.getByRole('link', { name: 'Mois' }).click();
    await pharmacist.getByRole('link', { name: 'octobre 2026' }).click();
    await accessibleAtBothWidths(pharmacist);
    // On a phone the month's table scrolls sideways, but its caption stays within the screen, and the
    // banner saying whose account is used keeps its margin on every line.
    const phone = await pharmacist.evaluate(() => {
      const banner = document.createRange();
      banner.selectNodeContents(document.querySelector('.acting-banner span') as Node);
      return {
        captionRight: document.querySelector('caption')?.getBoundingClientRect().right ?? Infinity,
        bannerLines: Math.min(...Array.from(banner.getClientRects(), (r) => r.left)),
      };
    });
    expect(phone.captionRight).toBeLessThanOrEqual(360);
    expect(phone.bannerLines).toBeGreaterThanOrEqual(8);
    await pharmacist.setViewportSize({ width: 1280, height: 900 });

    const folder = await mkdtemp(path.join(os.tmpdir(), 'narcotics-'));
    const file = path.join(folder, 'stupefiants-octobre.xlsx');
    await writeFile(
      file,
      await statementXlsx([
        methadoneLine('VS-4821K7'),
        methadoneLine('Favre Marie', 80),
        methadoneLine(shared, 70),
      ]),
    );
    await pharmacist.getByLabel('Tableur (xlsx ou csv)').setInputFiles(file);
    await pharmacist.getByRole('button', { name: 'Importer' }).click();
    await pharmacist.waitForURL(/imported=3/);
    const summary = pharmacist.getByRole('alert');
    expect(await summary.textContent()).toContain('Ligne 2, Code patient : ceci ressemble à un nom');
    await accessibleAtBothWidths(pharmacist);
    await pharmacist.setViewportSize({ width: 1280, height: 900 });

    // The error links to the cell, which still holds what was imported.
    await summary.getByRole('link', { name: /Ligne 2, Code patient/ }).click();
    const cell = pharmacist.getByLabel('Code patient, ligne 2', { exact: true });
    expect(await cell.inputValue()).toBe('Favre Marie');
    await cell.fill('VS-6120F3');
    await pharmacist.getByRole('button', { name: 'Valider et déposer l’état' }).click();
    await pharmacist.waitForURL(/filed=1/);
    expect(await pharmacist.getByRole('main').textContent()).toContain('L’état de octobre 2026 est déposé');
    expect(await pharmacist.getByRole('main').textContent()).toContain('validé par Julie Crettenand');
    await accessibleAtBothWidths(pharmacist);

    // The register hears of it (signed webhook) and reads it through the API.
    await expect
      .poll(
        async () => {
          const { statements } = (await (
            await fetch(`${e2e.server.url}/simulators/narcotics-register/statements`)
          ).json()) as {
            statements: { pharmacy: { uid: string }; month: string; receivedFrom: string; lines: number }[];
          };
          return statements.find((s) => s.pharmacy.uid === planta.uid && s.month === '2026-10');
        },
        { timeout: 60_000, interval: 500 },
      )
      .toMatchObject({ receivedFrom: 'guichet', lines: 3 });

    const cantonal = await loggedIn('Pierre-André Zen-Ruffinen');
    await cantonal.goto(`${e2e.server.url}/my`);
    await cantonal.getByRole('link', { name: 'Ouvrir le contrôle des stupéfiants' }).click();
    await cantonal.waitForURL(/\/back-office\/authorities\/ssp\/narcotics$/);
    // The month whose deadline passed last is shown first; this journey's month is chosen here.
    await cantonal.getByLabel('Mois contrôlé').fill('2026-10');
    await cantonal.getByRole('button', { name: 'Afficher' }).click();
    const sharedTable = cantonal.getByRole('table', {
      name: 'Patients servis par deux pharmacies le même mois',
    });
    const row = sharedTable.getByRole('row').filter({ hasText: shared });
    expect(await row.textContent()).toContain(planta.name);
    expect(await row.textContent()).toContain(
      registerPharmacies.find((p) => p.uid === other?.uid)?.name ?? '?',
    );
    expect(await cantonal.getByRole('main').textContent()).toContain('octobre 2026');
    await accessibleAtBothWidths(cantonal);
    await cantonal.setViewportSize({ width: 1280, height: 900 });
    const download = cantonal.waitForEvent('download');
    await cantonal.getByRole('link', { name: 'Exporter les alertes (CSV)' }).click();
    expect((await download).suggestedFilename()).toBe('stupefiants-alertes-2026-10.csv');
  });

  it('the entry table works without JavaScript: lines typed, more lines added, the draft kept', {
    timeout: 120_000,
  }, async () => {
    const page = await loggedInAs(e2e.browser, e2e.server.url, 'Julie Crettenand', {
      timeout: 15_000,
      javaScript: false,
    });
    await page.goto(`${e2e.server.url}/accounts`);
    await page.getByRole('button', { name: `Agir pour ${planta.name}` }).click();
    await page.goto(`${e2e.server.url}/narcotics/2026-11`);
    await page.getByRole('button', { name: 'Reprendre les patients du mois précédent' }).click();
    await page.waitForURL(/copied=3/);
    expect(await page.getByLabel('Code patient, ligne 3', { exact: true }).inputValue()).toMatch(/^VS-/);
    await page.getByLabel('Jour 1, ligne 1', { exact: true }).fill('60');
    const before = await page.getByRole('textbox', { name: /^Code patient, ligne/ }).count();
    await page.getByRole('button', { name: 'Ajouter 5 lignes' }).click();
    await page.waitForURL(/extra=8/);
    expect(await page.getByRole('textbox', { name: /^Code patient, ligne/ }).count()).toBeGreaterThan(before);
    expect(await page.getByLabel('Jour 1, ligne 1', { exact: true }).inputValue()).toBe('60');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.getByRole('main').textContent()).toContain('Brouillon enregistré.');
    // (axe runs in the page's JavaScript: the same page was checked above with it on.)
  });
});
