import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { acceptMandate, proposeMandate } from '../../src/modules/mandates/index.ts';
import { requestPayment } from '../../src/modules/payments/index.ts';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { grantDevRole } from '../support/dev-staff.ts';
import { personActor } from '../support/factories.ts';
import { saveFeeOnArrival } from '../support/fee-workflow.ts';
import { createRequestForm, openRequest } from '../support/requests.ts';

let spf = '';

const e2e = useBrowserAndServer({ worker: true });

beforeAll(async () => {
  spf = (await getAuthorityBySlug(e2e.server.database.db, 'spf'))?.id ?? '';
});

const widths = [1280, 360];

/** A development test person, logged in at that width, with their person and personal account ids. */
async function loggedIn(name: string, width: number) {
  const page = await loggedInAs(e2e.browser, e2e.server.url, name, { width, timeout: 10_000 });
  return { page, ...(await demoPerson(e2e.server.database.db, name)) };
}

/** No horizontal scroll: the confirmation fits the screen (WCAG 1.4.10). */
async function fits(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

describe('irreversible actions ask first, on a page of their own', () => {
  it('withdrawing a request says what happens to the fee already paid', { timeout: 90_000 }, async () => {
    const { db } = e2e.server.database;
    const form = await createRequestForm(db, spf, 'Attestation');
    await saveFeeOnArrival(db, form.id, { amountCents: 2000, purpose: 'Émolument', paidTo: 'in_progress' });
    for (const width of widths) {
      const citizen = await loggedIn('Marc Darbellay', width);
      const actor = personActor({
        id: citizen.personId,
        account: { id: citizen.accountId, name: 'Marc Darbellay', kind: 'personal' },
      });
      const request = await openRequest(db, actor, form.id);
      // Paid, and still withdrawable (a service may let its requests be withdrawn while processed).
      await sql`update payments set status = 'paid', paid_at = now() where source like ${`case:${request.id}:%`}`.execute(
        db,
      );
      const page = citizen.page;
      await page.goto(`${e2e.server.url}/requests/${request.id}`);
      await page.getByRole('link', { name: 'Retirer la demande' }).click();
      await page.waitForURL(`${e2e.server.url}/requests/${request.id}/withdraw`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `Retirer la demande ${request.reference} ?`,
      );
      expect(await page.getByRole('main').textContent()).toContain(
        'L’émolument déjà payé (CHF\u00a020.00) n’est pas remboursé automatiquement',
      );
      await expectNoAxeViolations(page);
      await fits(page);
      await page.getByRole('link', { name: 'Non, revenir à la demande' }).click();
      await page.waitForURL(`${e2e.server.url}/requests/${request.id}`);
      expect(await page.getByRole('main').textContent()).not.toContain('Retirée');
      await page.getByRole('link', { name: 'Retirer la demande' }).click();
      await page.getByRole('button', { name: 'Oui, retirer la demande' }).click();
      await page.waitForURL(`${e2e.server.url}/requests/${request.id}`);
      expect(await page.getByRole('main').textContent()).toContain('Retirée');
    }
  });

  it('revoking a mandate says what the agent loses', { timeout: 90_000 }, async () => {
    const { db } = e2e.server.database;
    for (const width of widths) {
      const agent = await loggedIn('Claire Fellay', width);
      const principal = await loggedIn('Sophie Rochat', width);
      const mandate = await proposeMandate(db, principal.personId, 'holder', {
        principalAccountId: principal.accountId,
        agent: { personId: agent.personId },
        themes: ['tax'],
        permissions: ['consult'],
        validFrom: new Date().toISOString().slice(0, 10),
      });
      await acceptMandate(db, agent.personId, mandate.id);
      const page = principal.page;
      await page.goto(`${e2e.server.url}/mandates`);
      await page.getByRole('link', { name: 'Révoquer Claire Fellay' }).click();
      await page.waitForURL(`${e2e.server.url}/mandates/${mandate.id}/revoke`);
      expect(await page.getByRole('main').textContent()).toContain(
        'Dès maintenant, Claire Fellay ne pourra plus agir pour « Sophie Rochat »',
      );
      await expectNoAxeViolations(page);
      await fits(page);
      await page.getByRole('button', { name: 'Oui, révoquer la procuration' }).click();
      await page.waitForURL(`${e2e.server.url}/mandates`);
      expect(await page.getByRole('table', { name: /Procurations données/ }).textContent()).toContain(
        'Révoquée',
      );
    }
  });

  it('refunding a payment asks for a reason, keeps it and shows it', { timeout: 90_000 }, async () => {
    const { db } = e2e.server.database;
    for (const width of widths) {
      const citizen = await loggedIn('Thomas Imboden', width);
      const payment = await db.transaction().execute((tx) =>
        requestPayment(tx, {
          authorityId: spf,
          accountId: citizen.accountId,
          purpose: { fr: 'Émolument' },
          amountCents: 1500,
          source: `test:${width}`,
          link: '/payments',
        }),
      );
      await sql`update payments set status = 'paid', paid_at = now(), provider_transaction_id = ${`tx-${width}`}
        where id = ${payment.id}`.execute(db);
      const admin = await loggedInAs(e2e.browser, e2e.server.url, 'Nadia Berclaz', {
        width,
        timeout: 10_000,
      });
      await grantDevRole(db, 'Nadia Berclaz', 'spf', 'authorityAdmin');
      await admin.goto(`${e2e.server.url}/back-office/authorities/spf/payments/${payment.id}`);
      await admin.getByRole('button', { name: 'Rembourser' }).click();
      expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe(
        `Rembourser CHF\u00a015.00 du paiement ${payment.refno} ?`,
      );
      await admin.getByRole('button', { name: 'Oui, rembourser' }).click();
      expect(await admin.getByRole('alert').textContent()).toContain('Indiquez le motif du remboursement');
      await expectNoAxeViolations(admin);
      await fits(admin);
      await admin.getByLabel('Motif du remboursement').fill('Demande retirée par erreur du service');
      await admin.getByRole('button', { name: 'Oui, rembourser' }).click();
      expect(await admin.getByRole('main').textContent()).toContain('Le remboursement est demandé');
      expect(await admin.getByRole('region', { name: 'Remboursements' }).textContent()).toContain(
        'Demande retirée par erreur du service',
      );
      await expectNoAxeViolations(admin);
    }
  });
});
