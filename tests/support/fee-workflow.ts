import type { Page } from 'playwright-core';
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
 * Follows the "Pay CHF …" link of a sent form to the payment's page: a job asks the fee moments after
 * the submission, and until then the link's page waits and goes on by itself (JavaScript on).
 */
export async function followPayLink(page: Page, linkName: string) {
  await page.getByRole('link', { name: linkName }).click();
  await page.waitForURL(/\/payments\/[0-9a-f-]{36}/, { timeout: 60_000 });
}
