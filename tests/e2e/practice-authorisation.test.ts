import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Runner } from 'graphile-worker';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getServiceEntry } from '../../src/modules/catalogue/index.ts';
import { connectDemoHealthRegister } from '../../src/seed/demo-health.ts';
import { expectNoAxeViolations, launchBrowser, loggedInAs } from '../support/browser.ts';
import { serveTestApp } from '../support/serve-test-app.ts';
import { startTestWorker } from '../support/test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
const folder = mkdtempSync(path.join(os.tmpdir(), 'guichet-practice-e2e-'));

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
  worker = await startTestWorker(server);
  await connectDemoHealthRegister(server.database.db, server.url);
});
afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A one-page scanned document, as a PDF the applicant would attach. */
async function scanned(name: string) {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(name, { x: 72, y: 760, size: 18, font });
  return { name: `${name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(await pdf.save()) };
}

async function axeAtBothWidths(page: Page) {
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continuer', exact: true }).click();

describe('authorisation to practise', () => {
  it('a physician applies with scanned documents, pays, and receives two sealed authorisations, verifiable', {
    timeout: 300_000,
  }, async () => {
    const { db } = server.database;
    const formId =
      (await getServiceEntry(db, { slug: 'autorisation-de-pratiquer' }, 'published'))?.content.formId ?? '';
    // Without JavaScript: every page works without it, and the six files go with one "Continue".
    const pierre = await loggedInAs(browser, server.url, 'Pierre Mabillard', {
      width: 1280,
      timeout: 20_000,
      javaScript: false,
    });
    // axe-core needs JavaScript: the same person's pages are checked in a second, scripted window.
    const checker = await loggedInAs(browser, server.url, 'Pierre Mabillard', {
      width: 1280,
      timeout: 20_000,
    });
    const axeOfPierre = async () => {
      await checker.goto(pierre.url());
      await axeAtBothWidths(checker);
    };
    await pierre.goto(`${server.url}/forms/${formId}/start`);
    await pierre.getByRole('button', { name: 'Commencer' }).click();

    await pierre.getByLabel('Médecin', { exact: true }).check();
    await pierre.getByLabel('Numéro GLN').fill('7601000567895');
    await pierre
      .getByRole('group', { name: /obtenu à l’étranger/ })
      .getByLabel('Non')
      .check();
    await pierre
      .getByRole('group', { name: /autorisation de facturer/ })
      .getByLabel('Oui')
      .check();
    await axeOfPierre();
    await continueButton(pierre);

    const address = pierre.getByRole('group', { name: 'Adresse du cabinet' });
    await address.getByLabel('Rue').fill('Rue de Lausanne 15');
    await address.getByLabel('NPA').fill('1950');
    await address.getByLabel('Localité').fill('Sion');
    await pierre.getByLabel('Téléphone du cabinet').fill('+41 27 321 00 00');
    await pierre.getByLabel('Français').check();
    await continueButton(pierre);

    // A physician is asked for the federal postgraduate title; no recognition for a Swiss diploma.
    const documents = ['Diplôme', 'Titre postgrade fédéral'];
    expect(await pierre.getByRole('group', { name: /Reconnaissance du diplôme/ }).count()).toBe(0);
    for (const label of [
      ...documents,
      'Attestation d’assurance responsabilité civile professionnelle',
      'Extrait du casier judiciaire (moins de 3 mois)',
      /^Certificate of good standing/,
      'Pièce d’identité (passeport ou carte d’identité)',
    ])
      await pierre
        .getByRole('group', { name: label })
        .getByLabel('Choisir des fichiers (PDF ou photos des pages)')
        .setInputFiles(
          await scanned(
            String(label)
              .replace(/[^\p{L} ]/gu, '')
              .slice(0, 30),
          ),
        );
    await axeOfPierre();
    await continueButton(pierre);
    await pierre.getByRole('checkbox').check();
    await continueButton(pierre);
    await pierre.getByRole('button', { name: 'Envoyer la demande' }).click();
    expect(await pierre.getByRole('heading', { level: 1 }).textContent()).toBe('Demande envoyée');

    // The fee the catalogue announces, paid on the provider's page once the request is open.
    expect(await pierre.getByRole('main').textContent()).toContain('À payer maintenant : CHF\u00a0300.00');
    await expect
      .poll(
        async () => {
          await pierre.goto(`${server.url}/requests`);
          return pierre.getByRole('row', { name: /Autorisation de pratiquer/ }).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await pierre
      .getByRole('row', { name: /Autorisation de pratiquer/ })
      .getByRole('link')
      .click();
    await pierre.getByRole('link', { name: 'Payer' }).click();
    await pierre.getByRole('button', { name: /Payer CHF\s300\.00 en ligne/ }).click();
    await pierre.getByRole('button', { name: 'Pay CHF 300.00' }).click();
    await pierre.waitForURL(/\/payments\/[0-9a-f-]{36}/);
    expect(await pierre.getByRole('main').textContent()).toContain('Payé le');

    // The health service reviews, grants the authorisation to practise, then the one to bill.
    const agent = await loggedInAs(browser, server.url, 'Isabelle Rey', { width: 1280, timeout: 20_000 });
    const inbox = `${server.url}/back-office/authorities/ssp/requests`;
    await expect
      .poll(
        async () => {
          await agent.goto(inbox);
          return agent.getByRole('link', { name: /^\d{4}-\d{6}$/ }).count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    await agent.getByRole('link', { name: /^\d{4}-\d{6}$/ }).click();
    await expect.poll(async () => (await agent.getByRole('main').textContent()) ?? '').toContain('Nouvelle');
    expect(await agent.getByRole('main').textContent()).toContain('Titre postgrade fédéral');
    await axeAtBothWidths(agent);
    await agent.getByLabel('Modèle de lettre').selectOption({ label: 'Autorisation de pratiquer' });
    await agent.getByRole('button', { name: 'Décider' }).click();
    await agent.getByRole('button', { name: 'Délivrer l’autorisation de facturer (LAMal)' }).click();
    expect(await agent.getByRole('main').textContent()).toContain(
      'Autorisation de facturer (LAMal) délivrée',
    );

    // Both arrive in Pierre's documents, sealed (pdfsig), verifiable on /verify; the register knows them.
    const sealedPdf = async (title: RegExp) => {
      await pierre.goto(`${server.url}/documents`);
      const link = pierre.getByRole('link', { name: title });
      if ((await link.count()) !== 1) return undefined;
      const href = (await link.getAttribute('href')) ?? '';
      const response = await pierre.request.get(`${server.url}${href}/file`);
      const file = path.join(folder, `${title.source.replace(/\W/g, '')}.pdf`);
      writeFileSync(file, await response.body());
      const report = spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
      return `${report.stdout}${report.stderr}`.includes('Signature Validation: Signature is Valid.')
        ? file
        : undefined;
    };
    for (const title of [/^Autorisation de pratiquer( Non lu)?$/, /^Autorisation de pratiquer à la charge/]) {
      await expect.poll(() => sealedPdf(title), { timeout: 90_000, interval: 1_000 }).toBeTruthy();
      const file = (await sealedPdf(title)) ?? '';
      await pierre.goto(`${server.url}/verify?lang=fr`);
      await pierre.getByLabel('Photo du code QR ou document PDF').setInputFiles(file);
      await pierre.getByRole('button', { name: 'Vérifier' }).click();
      await pierre.getByRole('region', { name: 'Document valable' }).waitFor();
    }
    await axeOfPierre();
    const register = (await (await fetch(`${server.url}/simulators/health-register/public`)).json()) as {
      professionals: {
        gln: string;
        practiceAuthorisation: string | null;
        billingAuthorisation: string | null;
      }[];
    };
    await expect
      .poll(
        async () => {
          const now = (await (
            await fetch(`${server.url}/simulators/health-register/public`)
          ).json()) as typeof register;
          return now.professionals.find((p) => p.gln === '7601000567895');
        },
        { timeout: 60_000 },
      )
      .toMatchObject({ practiceAuthorisation: expect.any(String), billingAuthorisation: expect.any(String) });
  });
});
