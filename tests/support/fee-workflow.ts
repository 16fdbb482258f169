import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { defaultWorkflow, saveWorkflow } from '../../src/modules/cases/index.ts';
import type { Db } from '../../src/platform/database/database.ts';

/**
 * The default workflow, except that a new request first waits for its fee ("Émolument à payer"),
 * then moves to `paidTo` once it is paid; it may be withdrawn meanwhile unless `withdrawable` is false.
 */
export function saveFeeOnArrival(
  db: Db,
  formId: string,
  fee: { amountCents: number; purpose: string; paidTo: string; withdrawable?: boolean },
) {
  return saveWorkflow(db, 'test', formId, {
    ...defaultWorkflow,
    initial: 'awaiting_fee',
    statuses: {
      ...defaultWorkflow.statuses,
      awaiting_fee: {
        citizenLabel: { fr: 'Émolument à payer' },
        staffLabel: { fr: 'Attend l’émolument' },
        ...(fee.withdrawable !== false && { withdrawable: true }),
        payment: { amountCents: fee.amountCents, purpose: { fr: fee.purpose }, paidTo: fee.paidTo },
      },
    },
  });
}

/**
 * Follows the "Pay CHF …" link of a sent form until it reaches the payment's page: a job asks the fee
 * moments after the submission, and until then the link comes back to the submission ("fee coming").
 */
export async function followPayLink(page: Page, linkName: string) {
  const pay = new URL(
    (await page.getByRole('link', { name: linkName }).getAttribute('href')) ?? '',
    page.url(),
  );
  await expect
    .poll(
      async () => {
        await page.goto(pay.href);
        return page.url();
      },
      { timeout: 60_000, interval: 1000 },
    )
    .toMatch(/\/payments\/[0-9a-f-]{36}/);
}
