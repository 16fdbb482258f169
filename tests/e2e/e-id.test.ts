import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePersonalAccount } from '../../src/modules/accounts/index.ts';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { findLink } from '../../src/modules/identity/index.ts';
import { enableWalletCredential } from '../../src/modules/signing/index.ts';
import { issuerDid } from '../../src/simulators/swiyu-issuer/keys.ts';
import { SimulatedWallet } from '../../src/simulators/swiyu-wallet/index.ts';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { grantDevRole } from '../support/dev-staff.ts';
import { issueSealedExtract } from '../support/issued-documents.ts';
import { runCredentialJobs, scanQrCode } from '../support/wallet-credentials.ts';

let context: BrowserContext;

const e2e = useBrowserAndServer();
afterEach(() => context?.close());

const lea = {
  given_name: 'Léa',
  family_name: 'Favre',
  birth_date: '1988-03-14',
  personal_administrative_number: '756.5432.1098.73',
};

async function open(width: number): Promise<Page> {
  context = await e2e.browser.newContext({ locale: 'fr-CH', viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** From the login page to the wallet's request, at this width. */
async function startEidLogin(page: Page) {
  await page.goto(`${e2e.server.url}/login?lang=fr`);
  await page.getByRole('link', { name: 'Se connecter avec l’e-ID (swiyu)' }).click();
  await expect(
    page.getByRole('heading', { name: 'Ce qui est demandé, et pourquoi' }).isVisible(),
  ).resolves.toBe(true);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continuer avec l’e-ID' }).click();
  await page.waitForURL(/\/login\/e-id\/wait$/);
  await expectNoAxeViolations(page);
}

/** Asks the simulated verifier for the extract credential and lets the wallet answer. */
async function verifyExtract(wallet: SimulatedWallet) {
  const base = `${e2e.server.url}/simulators/swiyu-verifier/management/api/verifications`;
  const created = (await (
    await fetch(base, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        accepted_issuer_dids: [issuerDid],
        dcql_query: {
          credentials: [
            {
              id: 'x',
              format: 'dc+sd-jwt',
              meta: { vct_values: ['debt-collection-extract'] },
              claims: [{ path: ['serial'] }],
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

describe('the Swiss e-ID', () => {
  let holder: SimulatedWallet;
  let serial = '';

  it('logs in with the wallet from the QR code, then takes the extract into the wallet', {
    timeout: 120_000,
  }, async () => {
    holder = await SimulatedWallet.create(e2e.server.url);
    await holder.receiveEid(lea);
    const page = await open(1280);
    await startEidLogin(page);
    // On a computer the request is a QR code for the phone; the test is the phone.
    const deepLink = await scanQrCode(page, 'Code QR de la demande e-ID');
    expect(deepLink).toMatch(/^swiyu-verify:\/\//);
    expect(await holder.askedClaims(deepLink)).toEqual([
      'given_name',
      'family_name',
      'birth_date',
      'personal_administrative_number',
    ]);
    await holder.present(deepLink);
    // The page's script notices the answer and moves on, logged in at the highest level.
    await page.waitForURL(`${e2e.server.url}/`);
    expect(await page.getByRole('banner').textContent()).toContain('Léa Favre');

    const { db } = e2e.server.database;
    const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    await enableWalletCredential(db, {
      authorityId: spf,
      issuedType: 'extract',
      configurationId: 'debt-collection-extract',
      actor: 'test',
    });
    const link = await findLink(db, 'swiyu-eid', '7565432109873');
    const accountId = await ensurePersonalAccount(db, link?.person_id ?? '', 'Léa Favre');
    ({ serial } = await issueSealedExtract(e2e.server, { authorityId: spf, accountId, key: 'e-id-e2e' }));
    await runCredentialJobs(e2e.server);

    await page.goto(`${e2e.server.url}/my?lang=fr`);
    await expect(
      page.getByRole('heading', { name: 'Attestations pour votre e-ID' }).isVisible(),
    ).resolves.toBe(true);
    await expectNoAxeViolations(page);
    const offer = await scanQrCode(page, /Code QR de l’attestation/);
    expect(offer).toMatch(/^swiyu:\/\/\?credential_offer=/);
    await holder.acceptOffer(offer);
    expect(holder.credentials).toHaveLength(2);
  });

  it('verifies the credential, and refuses it once the authority has revoked the extract', {
    timeout: 120_000,
  }, async () => {
    expect((await verifyExtract(holder)).state).toBe('SUCCESS');

    const page = await loggedInAs(e2e.browser, e2e.server.url, 'Thomas Imboden', { width: 1280 });
    context = page.context();
    await grantDevRole(e2e.server.database.db, 'Thomas Imboden', 'spf', 'authorityAdmin');
    await page.goto(
      `${e2e.server.url}/back-office/authorities/spf/issued-documents/${serial}/revoke?lang=fr`,
    );
    await page.getByLabel('Motif (le destinataire le lit)').fill('Délivré par erreur');
    await page.getByRole('button', { name: 'Révoquer' }).click();
    await runCredentialJobs(e2e.server);

    const refused = await verifyExtract(holder);
    expect(refused.state).toBe('FAILED');
    expect(refused.wallet_response.error_code).toBe('credential_revoked');
  });

  it('logs in on a phone through the same-device link, the QR code hidden', {
    timeout: 120_000,
  }, async () => {
    const phone = await SimulatedWallet.create(e2e.server.url);
    await phone.receiveEid(lea);
    const page = await open(360);
    await startEidLogin(page);
    await expect(page.getByRole('img', { name: 'Code QR de la demande e-ID' }).isVisible()).resolves.toBe(
      false,
    );
    const link = page.getByRole('link', { name: 'Ouvrir l’application swiyu sur cet appareil' });
    await expect(link.isVisible()).resolves.toBe(true);
    // The phone's system hands the link to the wallet app.
    await phone.present((await link.getAttribute('href')) ?? '');
    await page.waitForURL(`${e2e.server.url}/`);
    expect(await page.getByRole('banner').textContent()).toContain('Léa Favre');
  });

  it('says clearly that the person declined', { timeout: 120_000 }, async () => {
    const phone = await SimulatedWallet.create(e2e.server.url);
    await phone.receiveEid(lea);
    const page = await open(1280);
    await startEidLogin(page);
    await phone.present(await scanQrCode(page, 'Code QR de la demande e-ID'), { decline: true });
    await page.getByText('Vous avez refusé la demande dans l’application').waitFor();
    await expectNoAxeViolations(page);
  });

  it('follows the answer without JavaScript through the refresh button: an e-ID of an unknown issuer', {
    timeout: 120_000,
  }, async () => {
    context = await e2e.browser.newContext({
      locale: 'fr-CH',
      javaScriptEnabled: false,
      viewport: { width: 360, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const forged = await SimulatedWallet.create(e2e.server.url);
    await forged.receiveEid(lea, { untrusted: true });
    await page.goto(`${e2e.server.url}/login/e-id?lang=fr`);
    await page.getByRole('button', { name: 'Continuer avec l’e-ID' }).click();
    const href = await page
      .getByRole('link', { name: 'Ouvrir l’application swiyu sur cet appareil' })
      .getAttribute('href');
    await forged.present(href ?? '');
    await page.getByRole('button', { name: 'J’ai répondu dans l’application' }).click();
    await page.getByText('Cette e-ID ne provient pas d’un émetteur reconnu par le Guichet.').waitFor();
  });
});
