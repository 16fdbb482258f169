import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMandate, proposeMandate } from '../../src/modules/mandates/index.ts';
import { connectDebtRegister } from '../../src/simulators/debt-register/index.ts';
import { expectNoAxeViolations, launchBrowser, loggedInAs } from '../support/browser.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { followPayLink } from '../support/fee-workflow.ts';
import { serveTestApp } from '../support/serve-test-app.ts';
import { startTestWorker } from '../support/test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
const folder = mkdtempSync(path.join(os.tmpdir(), 'guichet-extract-e2e-'));

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
  worker = await startTestWorker(server);
  // As `guichet start` does once it listens: the register subscribes through the API.
  expect(await connectDebtRegister(server.database.db, server.url)).toBe(true);
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** From the catalogue to the paid request, on the provider's page; returns the request's page. */
async function requestAndPay(page: Page): Promise<string> {
  await page.goto(`${server.url}/services/extrait-registre-poursuites`);
  expect(await page.getByRole('main').textContent()).toContain('17.00');
  await page.getByRole('link', { name: 'Commencer la démarche' }).click();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.getByLabel('Louer un logement').check();
  await page.getByRole('button', { name: 'Continuer', exact: true }).click();
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await followPayLink(page, 'Payer CHF\u00a017.00');
  await expect
    .poll(
      async () => {
        await page.goto(`${server.url}/requests`);
        return page.getByRole('row', { name: /Extrait du registre des poursuites/ }).count();
      },
      { timeout: 40_000 },
    )
    .toBe(1);
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

/** The request's page once it shows `text` (the register answers within seconds). */
async function waitOnRequest(page: Page, url: string, text: string) {
  await expect
    .poll(
      async () => {
        await page.goto(url);
        return page.getByRole('main').textContent();
      },
      { timeout: 60_000, interval: 1000 },
    )
    .toContain(text);
}

/** The landlord's check of the paper: the PDF uploaded on /verify, without JavaScript. */
async function verdictOn(file: string): Promise<string> {
  const context = await browser.newContext({ locale: 'fr-CH', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/verify?lang=fr`);
  await page.getByLabel('Photo du code QR ou document PDF').setInputFiles(file);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  const text = (await page.getByRole('main').innerText()) ?? '';
  await context.close();
  return text;
}

describe('the debt-collection extract', () => {
  it('a person requests and pays it, receives it sealed without any clerk, and a landlord verifies it; once revoked, it shows revoked', {
    timeout: 240_000,
  }, async () => {
    const citizen = await loggedInAs(browser, server.url, 'Sophie Rochat', { timeout: 40_000 });
    const requestUrl = await requestAndPay(citizen);
    await waitOnRequest(citizen, requestUrl, 'Extrait délivré');
    await expectNoAxeViolations(citizen);

    await citizen.goto(`${server.url}/documents`);
    await citizen
      .getByRole('link', { name: /Extrait du registre des poursuites/ })
      .first()
      .click();
    await expectNoAxeViolations(citizen);
    // Handed out once sealed, moments after it is issued.
    const download = async () => {
      await citizen.reload();
      const link = citizen.getByRole('link', { name: /Télécharger/ });
      if ((await link.count()) === 0) return undefined;
      const [file] = await Promise.all([citizen.waitForEvent('download'), link.first().click()]);
      const saved = path.join(folder, 'extrait-sophie.pdf');
      await file.saveAs(saved);
      return saved;
    };
    await expect.poll(download, { timeout: 60_000, interval: 1000 }).toBeTruthy();
    const pdf = path.join(folder, 'extrait-sophie.pdf');

    const valid = await verdictOn(pdf);
    const { rows } = await sql<{ serial: string }>`
      select serial from issued_documents where request_id = ${requestUrl.split('/').at(-1)}`.execute(
      server.database.db,
    );
    expect(valid).toContain('Document valable');
    expect(valid).toContain('Service des poursuites et faillites');
    expect(valid).toContain(rows[0]?.serial);

    // The office cancels it (issued in error): verification then says so.
    const admin = await loggedInAs(browser, server.url, 'Isabelle Zufferey', { timeout: 40_000 });
    await admin.goto(`${server.url}/back-office/authorities/spf/issued-documents`);
    await expectNoAxeViolations(admin);
    await admin
      .getByRole('link', { name: /^Révoquer/ })
      .first()
      .click();
    await admin.getByLabel('Motif (le destinataire le lit)').fill('Émis par erreur');
    await admin.getByRole('button', { name: 'Révoquer' }).click();
    expect(await admin.getByRole('table').textContent()).toContain('Révoqué');
    const revoked = await verdictOn(pdf);
    expect(revoked).toContain('Document révoqué');
  });

  it('a homonym sends the request to an agent, who decides; the extract then follows at once', {
    timeout: 240_000,
  }, async () => {
    const citizen = await loggedInAs(browser, server.url, 'Marc Darbellay', { timeout: 20_000, width: 360 });
    const requestUrl = await requestAndPay(citizen);
    await waitOnRequest(citizen, requestUrl, 'En vérification à l’office');
    await expectNoAxeViolations(citizen);

    const agent = await loggedInAs(browser, server.url, 'Luc Fournier', { timeout: 40_000 });
    const reference = requestUrl.split('/').at(-1) ?? '';
    await agent.goto(`${server.url}/back-office/authorities/spf/requests/${reference}`);
    expect(await agent.getByRole('main').textContent()).toContain('Homonyme à vérifier');
    await expectNoAxeViolations(agent);
    await agent.getByRole('button', { name: 'Personne différente : délivrer sans ces inscriptions' }).click();
    await waitOnRequest(citizen, requestUrl, 'Extrait délivré');
    await expectNoAxeViolations(citizen);
  });

  it('a signatory asks the extract of their company, and a representative with a debt-collection mandate asks it for their client', {
    timeout: 240_000,
  }, async () => {
    const { db } = server.database;
    const sophie = await loggedInAs(browser, server.url, 'Sophie Rochat', { timeout: 40_000 });
    await sophie.goto(`${server.url}/accounts`);
    await sophie
      .getByRole('button', { name: /Ouvrir le compte professionnel de Pharmacie du Rhône SA/ })
      .click();
    expect(await sophie.getByRole('banner').textContent()).toContain('Pharmacie du Rhône SA');
    const companyRequest = await requestAndPay(sophie);
    await waitOnRequest(sophie, companyRequest, 'Extrait délivré');
    await sophie.goto(`${server.url}/documents`);
    await sophie
      .getByRole('link', { name: /Extrait du registre des poursuites/ })
      .first()
      .click();
    await expectNoAxeViolations(sophie);
    const issued = async (url: string) =>
      (
        await sql<{ subject_name: string; language: string; content: unknown }>`
          select subject_name, language, content from issued_documents where request_id = ${url.split('/').at(-1)}`.execute(
          db,
        )
      ).rows[0];
    const company = await issued(companyRequest);
    expect(company?.subject_name).toBe('Pharmacie du Rhône SA');
    expect(JSON.stringify(company?.content)).toContain('CHE-123.456.788');

    // Claire Fellay acts for Thomas Imboden under a mandate on debt collection.
    const claire = await loggedInAs(browser, server.url, 'Claire Fellay', { timeout: 40_000 });
    const thomas = await loggedInAs(browser, server.url, 'Thomas Imboden', { timeout: 40_000 });
    await thomas.close();
    const { personId: thomasId, accountId: thomasAccount } = await demoPerson(db, 'Thomas Imboden');
    const { personId: claireId } = await demoPerson(db, 'Claire Fellay');
    const mandate = await proposeMandate(db, thomasId, 'holder', {
      principalAccountId: thomasAccount,
      agent: { personId: claireId },
      themes: ['debtCollection'],
      permissions: ['consult', 'submit', 'receive', 'pay'],
      validFrom: '2020-01-01',
    });
    await acceptMandate(db, claireId, mandate.id);
    await claire.goto(`${server.url}/accounts`);
    await claire.getByRole('button', { name: 'Agir pour Thomas Imboden' }).click();
    const forClient = await requestAndPay(claire);
    await waitOnRequest(claire, forClient, 'Extrait délivré');
    await expectNoAxeViolations(claire);
    // Issued about Thomas (his proceedings) in the language of Claire, who asked it, into his documents.
    await claire.goto(`${server.url}/documents`);
    await claire
      .getByRole('link', { name: /Extrait du registre des poursuites/ })
      .first()
      .click();
    await expectNoAxeViolations(claire);
  });
});
