import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { requestPayment } from '../../src/modules/payments/index.ts';
import { bankSlipOf } from '../../src/modules/payments/qr-bill-send.ts';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { camt054 } from '../support/camt054.ts';
import { demoPerson } from '../support/demo-persons.ts';

const e2e = useBrowserAndServer({ worker: true });

const loggedIn = (person: string, width?: number) =>
  loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 15_000, ...(width && { width }) });

/** Axe at a desktop width and at a phone's (WCAG reflow), on the page as it is now. */
async function accessibleAtBothWidths(page: Page) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page);
  }
}

describe('paying a fee by bank transfer', () => {
  it('the person chooses a QR-bill, finds it in their documents, and the bank’s camt.054 uploaded by staff settles the fee', {
    timeout: 180_000,
  }, async () => {
    const { db } = e2e.server.database;
    const citizen = await loggedIn('Thomas Imboden');
    const { accountId } = await demoPerson(db, 'Thomas Imboden');
    const sion = await getAuthorityBySlug(db, 'sion');
    if (!sion) throw new Error('demo data missing');
    const fee = await db.transaction().execute((tx) =>
      requestPayment(tx, {
        authorityId: sion.id,
        accountId,
        purpose: { fr: 'Taxe de chien 2027' },
        reference: 'GU-2026-0004242',
        amountCents: 12_000,
        source: 'e2e:bank-transfer',
        link: '/payments',
      }),
    );

    await citizen.goto(`${e2e.server.url}/payments/${fee.id}`);
    await accessibleAtBothWidths(citizen);
    await citizen.getByRole('button', { name: 'Payer par virement bancaire' }).click();
    await citizen.waitForURL(`${e2e.server.url}/payments/${fee.id}`);
    const main = citizen.getByRole('main');
    expect(await main.textContent()).toContain('En attente du virement');
    await accessibleAtBothWidths(citizen);
    await citizen.getByRole('link', { name: 'Ouvrir la QR-facture' }).click();
    await citizen.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toContain(
      'QR-facture GU-2026-0004242',
    );
    // Found in the list of their documents too.
    await citizen.goto(`${e2e.server.url}/documents`);
    expect(await citizen.getByRole('main').textContent()).toContain('QR-facture GU-2026-0004242');

    // The bank notifies the credit; Sion's administrator imports its camt.054.
    const slip = await bankSlipOf(db, sion.id, fee.id);
    if (!slip) throw new Error('no QR-bill recorded');
    const xml = camt054({
      version: '08',
      account: slip.creditor_account,
      messageId: 'E2E-CAMT-1',
      entries: [
        { servicerRef: 'E2E-TX-1', amountCents: 12_000, reference: slip.reference, debtor: 'Thomas Imboden' },
      ],
    });
    const admin = await loggedIn('Nadia Berclaz');
    await admin.goto(`${e2e.server.url}/back-office/authorities/sion/payments`);
    await admin.getByRole('link', { name: 'Virements bancaires' }).click();
    await admin.waitForURL(`${e2e.server.url}/back-office/authorities/sion/bank-transfers`);
    await accessibleAtBothWidths(admin);
    await admin.getByLabel('Avis de crédit camt.054 (XML)').setInputFiles({
      name: 'camt054.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(xml),
    });
    await admin.getByRole('button', { name: 'Importer' }).click();
    expect(await admin.getByRole('main').textContent()).toContain(
      'Crédits nouveaux : 1, dont émoluments réglés : 1',
    );
    expect(await admin.getByRole('main').textContent()).toContain('Thomas Imboden');
    await accessibleAtBothWidths(admin);

    // The same file once more changes nothing.
    await admin.getByLabel('Avis de crédit camt.054 (XML)').setInputFiles({
      name: 'camt054.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(xml),
    });
    await admin.getByRole('button', { name: 'Importer' }).click();
    expect(await admin.getByRole('main').textContent()).toContain('Déjà importés : 1');

    await citizen.goto(`${e2e.server.url}/payments/${fee.id}`);
    expect(await citizen.getByRole('main').textContent()).toContain('Payé le');

    // The day's statement shows the bank transfer.
    await admin.goto(`${e2e.server.url}/back-office/authorities/sion/payments`);
    await admin.getByRole('link', { name: 'Relevé quotidien' }).click();
    expect(await admin.getByRole('main').textContent()).toContain('Viré par la banque');
    await accessibleAtBothWidths(admin);
  });
});
