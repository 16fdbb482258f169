import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { expectNoAxeViolations, loggedInAs, watchCspViolations } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { pagePhoto, pdfImages } from '../support/page-photos.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

let formId = '';

const e2e = useBrowserAndServer({ worker: true });

beforeAll(async () => {
  const { db } = e2e.server.database;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  formId = (
    await publishOneStepForm(db, spf, {
      name: 'Bourse',
      title: 'Attestation de formation',
      step: { id: 'papers', title: 'Vos pièces' },
      fields: [{ id: 'diploma', type: 'document', label: { fr: 'Diplôme' }, required: true }],
    })
  ).id;
});

/** axe-core on the page as a computer and as a phone (360 px) show it. */
async function axeAtBothWidths(page: Page) {
  const size = page.viewportSize();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoAxeViolations(page);
  if (size) await page.setViewportSize(size);
}

/** Pages and orientation of a PDF, as poppler's `pdfinfo` and its embedded images tell. */
async function inspectPdf(bytes: Buffer) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scan-e2e-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    return { pdfinfoPages: Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]), ...(await pdfImages(bytes)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('continue on your phone', () => {
  it('a computer starts a request, a phone takes three photos, the computer sees one upright three-page PDF, staff open it', {
    timeout: 150_000,
  }, async () => {
    const desktop = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat', {
      width: 1280,
      timeout: 15_000,
    });
    const csp = watchCspViolations(desktop);
    await desktop.goto(`${e2e.server.url}/forms/${formId}/start`);
    await desktop.getByRole('button', { name: 'Commencer' }).click();
    await expect.poll(() => desktop.getByRole('heading', { level: 1 }).textContent()).toBe('Vos pièces');
    await axeAtBothWidths(desktop);

    await desktop.getByRole('button', { name: 'Continuer sur mon téléphone' }).click();
    await desktop.getByRole('img', { name: 'Code QR du lien pour continuer sur votre téléphone' }).waitFor();
    await axeAtBothWidths(desktop);
    const link = (await desktop.getByRole('link', { name: /\/scan\// }).getAttribute('href')) ?? '';
    expect(link).toMatch(/\/scan\/[A-Za-z0-9_-]{43}$/);

    // The phone: another device, not logged in, 360 px wide.
    const phoneContext = await e2e.browser.newContext({
      locale: 'fr-CH',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(15_000);
    const phoneCsp = watchCspViolations(phone);
    await phone.goto(link);
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe('Photographier un document');
    await expectNoAxeViolations(phone);
    const photos = [
      await pagePhoto({ seed: 1 }),
      await pagePhoto({ seed: 2, orientation: 6 }),
      await pagePhoto({ seed: 3 }),
    ];
    for (const [i, photo] of photos.entries()) {
      // The script sends each photo as soon as it is taken.
      await phone
        .getByLabel('Prendre une page en photo')
        .setInputFiles({ name: `IMG_${i}.jpg`, mimeType: 'image/jpeg', buffer: photo });
      await phone.getByText(`Page ${i + 1}`, { exact: true }).waitFor();
    }
    await expectNoAxeViolations(phone);
    await phone.getByRole('button', { name: 'Envoyer les 3 pages à mon ordinateur' }).click();
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe('Document envoyé');
    await expectNoAxeViolations(phone);

    // The computer's page shows it without being reloaded.
    await desktop.getByText('Diplôme.pdf (3 pages)', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await desktop.getByText('Document reçu de votre téléphone').textContent()).toContain(
      'Diplôme.pdf',
    );
    await desktop.getByRole('button', { name: 'Continuer', exact: true }).click();
    await desktop.getByRole('button', { name: 'Envoyer la demande' }).click();
    expect(await desktop.getByRole('heading', { level: 1 }).textContent()).toBe('Demande envoyée');
    expect([...csp, ...phoneCsp]).toEqual([]);
    await phoneContext.close();

    const agent = await loggedInAs(e2e.browser, e2e.server.url, 'Luc Fournier', {
      width: 1280,
      timeout: 15_000,
    });
    const inbox = `${e2e.server.url}/back-office/authorities/spf/requests`;
    await expect
      .poll(
        async () => {
          await agent.goto(inbox);
          return agent.getByRole('link', { name: /^\d{4}-\d{6}$/ }).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await agent.getByRole('link', { name: /^\d{4}-\d{6}$/ }).click();
    const href = (await agent.getByRole('link', { name: 'Diplôme.pdf' }).getAttribute('href')) ?? '';
    const response = await agent.request.get(`${e2e.server.url}${href}`);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const pdf = await inspectPdf(Buffer.from(await response.body()));
    expect([pdf.pdfinfoPages, pdf.pageCount]).toEqual([3, 3]);
    for (const image of pdf.images)
      expect([image.width < image.height, image.topIsDark]).toEqual([true, true]);
    await agent.context().close();
    await desktop.context().close();
  });
});
