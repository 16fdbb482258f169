import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Runner } from 'graphile-worker';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDebtRegister } from '../../src/simulators/debt-register/index.ts';
import { issuerDid } from '../../src/simulators/swiyu-issuer/keys.ts';
import { SimulatedWallet } from '../../src/simulators/swiyu-wallet/index.ts';
import { expectNoAxeViolations, launchBrowser, loggedInAs } from '../support/browser.ts';
import { followPayLink } from '../support/fee-workflow.ts';
import { serveTestApp } from '../support/serve-test-app.ts';
import { startTestWorker } from '../support/test-app.ts';
import { scanQrCode } from '../support/wallet-credentials.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let context: BrowserContext | undefined;
const folder = mkdtempSync(path.join(os.tmpdir(), 'guichet-e-id-extract-e2e-'));

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
  // The worker runs the seal, the wallet offer and its revocation as in production.
  worker = await startTestWorker(server);
  expect(await connectDebtRegister(server.database.db, server.url)).toBe(true);
}, 60_000);
afterAll(async () => {
  await context?.close();
  await worker?.stop();
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * The e-ID of the wallet, an AVS number no seeded person has: no debtor of the register has it nor these names (only a
 * Jean-Pierre Favre of Sierre), so the register answers "no proceedings" at once.
 */
const lea = {
  given_name: 'Léa',
  family_name: 'Favre',
  birth_date: '1988-03-14',
  personal_administrative_number: '756.5432.1098.73',
};

/** Asks the simulated verifier for the extract credential, as a landlord's verifier would. */
async function verifyExtract(wallet: SimulatedWallet) {
  const base = `${server.url}/simulators/swiyu-verifier/management/api/verifications`;
  const created = (await (
    await fetch(base, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        accepted_issuer_dids: [issuerDid],
        dcql_query: {
          credentials: [
            {
              id: 'extract',
              format: 'dc+sd-jwt',
              meta: { vct_values: ['debt-collection-extract'] },
              claims: [{ path: ['serial'] }, { path: ['outcome'] }],
            },
          ],
        },
      }),
    })
  ).json()) as { id: string; verification_deeplink: string };
  await wallet.present(created.verification_deeplink);
  return (await (await fetch(`${base}/${created.id}`)).json()) as {
    state: string;
    wallet_response: { error_code?: string; credential_subject_data?: Record<string, unknown> };
  };
}

/** The extract asked and paid through the Datatrans simulator; returns the request's page. */
async function requestAndPay(page: Page): Promise<string> {
  await page.goto(`${server.url}/services/extrait-registre-poursuites`);
  await page.getByRole('link', { name: 'Commencer la démarche' }).click();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.getByLabel('Louer un logement').check();
  await page.getByRole('button', { name: 'Continuer', exact: true }).click();
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await followPayLink(page, 'Payer CHF\u00a017.00');
  await page.goto(`${server.url}/requests`);
  await page
    .getByRole('row', { name: /Extrait du registre des poursuites/ })
    .getByRole('link')
    .click();
  const requestUrl = page.url();
  await page.getByRole('link', { name: 'Payer' }).click();
  await page.getByRole('button', { name: /Payer CHF\s17\.00 en ligne/ }).click();
  await page.getByRole('button', { name: 'Pay CHF 17.00' }).click();
  await page.waitForURL(/\/payments\/[0-9a-f-]{36}/, { timeout: 60_000, waitUntil: 'commit' });
  return requestUrl;
}

/** Reloads `url` until `found` gives something (the register, the seal and the offer take seconds). */
async function eventually<T>(page: Page, url: string, found: () => Promise<T | undefined>): Promise<T> {
  let value: T | undefined;
  await expect
    .poll(
      async () => {
        await page.goto(url);
        value = await found();
        return value !== undefined;
      },
      { timeout: 90_000, interval: 1000 },
    )
    .toBe(true);
  return value as T;
}

/** The landlord's check of the paper: the PDF uploaded on /verify, without JavaScript. */
async function verdictOn(file: string): Promise<string> {
  const checker = await browser.newContext({ locale: 'fr-CH', javaScriptEnabled: false });
  const page = await checker.newPage();
  await page.goto(`${server.url}/verify?lang=fr`);
  await page.getByLabel('Photo du code QR ou document PDF').setInputFiles(file);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  const text = await page.getByRole('main').innerText();
  await checker.close();
  return text;
}

describe('the debt-collection extract into the e-ID wallet', () => {
  it('logs in with the e-ID, pays the extract, takes the sealed PDF and the credential; once revoked, both show it', {
    timeout: 420_000,
  }, async () => {
    const wallet = await SimulatedWallet.create(server.url);
    await wallet.receiveEid(lea);
    context = await browser.newContext({ locale: 'fr-CH', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);

    await page.goto(`${server.url}/login/e-id?lang=fr`);
    await page.getByRole('button', { name: 'Continuer avec l’e-ID' }).click();
    await page.waitForURL(/\/login\/e-id\/wait$/);
    await wallet.present(await scanQrCode(page, 'Code QR de la demande e-ID'));
    await page.waitForURL(`${server.url}/`);
    expect(await page.getByRole('banner').textContent()).toContain('Léa Favre');

    // The e-ID's level (high) is enough for the service; no clerk: the register issues at once.
    const requestUrl = await requestAndPay(page);
    await eventually(page, requestUrl, async () => {
      const text = (await page.getByRole('main').textContent()) ?? '';
      return text.includes('Extrait délivré') ? text : undefined;
    });
    await expectNoAxeViolations(page);

    await page.goto(`${server.url}/documents`);
    await page
      .getByRole('link', { name: /Extrait du registre des poursuites/ })
      .first()
      .click();
    const documentUrl = page.url();
    const pdf = path.join(folder, 'extrait-lea.pdf');
    await eventually(page, documentUrl, async () => {
      const link = page.getByRole('link', { name: /Télécharger/ });
      if ((await link.count()) === 0) return undefined;
      const [file] = await Promise.all([page.waitForEvent('download'), link.first().click()]);
      await file.saveAs(pdf);
      return pdf;
    });
    const valid = await verdictOn(pdf);
    expect(valid).toContain('Document valable');

    // The credential's offer, a QR code in "my space", scanned by the wallet.
    const offer = await eventually(page, `${server.url}/my?lang=fr`, async () => {
      const qr = page.getByRole('img', { name: /Code QR de l’attestation/ });
      return (await qr.count()) === 1 ? scanQrCode(page, /Code QR de l’attestation/) : undefined;
    });
    await expectNoAxeViolations(page);
    await wallet.acceptOffer(offer);

    const verified = await verifyExtract(wallet);
    expect(verified.state).toBe('SUCCESS');
    expect(verified.wallet_response.credential_subject_data).toMatchObject({ outcome: 'Aucune poursuite' });
    const serial = String(verified.wallet_response.credential_subject_data?.serial);
    expect(valid).toContain(serial);

    // The office's administrator revokes it in the back office (issued documents).
    const admin = await loggedInAs(browser, server.url, 'Isabelle Zufferey', { timeout: 40_000 });
    await admin.goto(`${server.url}/back-office/authorities/spf/issued-documents`);
    await admin
      .getByRole('row', { name: new RegExp(serial) })
      .getByRole('link', { name: /^Révoquer/ })
      .click();
    await admin.getByLabel('Motif (le destinataire le lit)').fill('Émis par erreur');
    await admin.getByRole('button', { name: 'Révoquer' }).click();
    expect(await admin.getByRole('table').textContent()).toContain('Révoqué');
    await admin.context().close();

    // The revocation reaches the issuer's status list through a job: verifiers then refuse it.
    await expect
      .poll(async () => (await verifyExtract(wallet)).wallet_response.error_code, {
        timeout: 60_000,
        interval: 1000,
      })
      .toBe('credential_revoked');
    expect(await verdictOn(pdf)).toContain('Document révoqué');
  });
});
