import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { openFromSubmission } from '../../src/modules/cases/index.ts';
import { accessibleAtBothWidths, loggedInAs, watchCspViolations } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { saveFeeOnArrival } from '../support/fee-workflow.ts';
import { startTestWorker } from '../support/test-app.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

// No worker at first: the job that opens the request and asks its fee is late, as under load.
const e2e = useBrowserAndServer();
let formId = '';

beforeAll(async () => {
  const { db } = e2e.server.database;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  formId = (
    await publishOneStepForm(db, spf, {
      name: 'Attestation de non-poursuite',
      fields: [{ id: 'purpose', type: 'text', label: { fr: 'Motif' } }],
    })
  ).id;
  await saveFeeOnArrival(db, formId, { amountCents: 2000, purpose: 'Émolument', paidTo: 'in_progress' });
});

/** Sends the form and follows "Pay" before the fee is asked: the wait, with the sent form's reference. */
async function sendAndPay(page: Page) {
  await page.goto(`${e2e.server.url}/forms/${formId}/start`);
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.getByLabel('Motif').fill('Bail');
  await page.getByRole('button', { name: 'Continuer', exact: true }).click();
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  const reference = (await page.getByRole('main').textContent())?.match(/Référence : (\d{4}-\d{6})/)?.[1];
  const submissionId = page.url().split('/').at(-1) ?? '';
  await page.getByRole('link', { name: 'Payer CHF\u00a020.00' }).click();
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Préparation du paiement');
  return { reference, submissionId };
}

describe('"Pay" right after sending, while the fee is not asked yet', () => {
  it('without JavaScript, says it is not ready and goes on with its button once it is', {
    timeout: 60_000,
  }, async () => {
    const page = await loggedInAs(e2e.browser, e2e.server.url, 'Marc Darbellay', {
      javaScript: false,
      width: 360,
      timeout: 15_000,
    });
    const { reference, submissionId } = await sendAndPay(page);
    // axe-core needs JavaScript: the same page is checked at both widths in the scripted test below.
    expect(await page.getByRole('status').textContent()).toContain('Le paiement n’est pas encore prêt.');
    await page.getByRole('link', { name: 'Continuer vers le paiement' }).click();
    expect(await page.getByRole('status').textContent()).toBe(
      'Le paiement n’est toujours pas prêt. Réessayez dans un instant.',
    );

    // The job's own function, as the worker would call it.
    const { db } = e2e.server.database;
    const { rows } = await sql<{ account_id: string }>`
      select account_id from form_submissions where id = ${submissionId}`.execute(db);
    await openFromSubmission(db, rows[0]?.account_id ?? '', submissionId);
    await page.getByRole('link', { name: 'Continuer vers le paiement' }).click();
    await page.waitForURL(/\/payments\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Paiement ${reference}`);
  });

  it('with JavaScript, says it goes on by itself, and does so once the late job has asked the fee', {
    timeout: 90_000,
  }, async () => {
    const page = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat', { timeout: 15_000 });
    const csp = watchCspViolations(page);
    const { reference } = await sendAndPay(page);
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent()).toBe('Cette page passe au paiement dès qu’il est prêt.');
    await accessibleAtBothWidths(page);
    // Still waiting, a few checks later: nothing moves before the fee exists.
    await page.waitForTimeout(2500);
    expect(page.url()).toMatch(/\/pay$/);

    e2e.worker = await startTestWorker(e2e.server);
    await page.waitForURL(/\/payments\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Paiement ${reference}`);
    expect(csp).toEqual([]);
  });
});
