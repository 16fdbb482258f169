import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { processingDaysOfForm } from '../catalogue/index.ts';
import { isUnsettled, paymentsFrom } from '../payments/index.ts';
import type { CasesTables } from './tables.ts';
import { workflowFor } from './workflow-store.ts';

/** What a citizen is told right after sending: what is due now, what comes next, and by when. */
export interface NextSteps {
  /** The first status's wording, as the citizen will read it on their request. */
  status: LocalisedText | null;
  /** A fee the workflow asks on arrival; `paymentId` once the request is opened and the fee asked. */
  fee: { amountCents: number; paymentId: string | null } | null;
  /** The service's usual processing time in working days, from the catalogue (null: unknown). */
  processingDays: number | null;
  /** The request, once the job has opened it. */
  requestId: string | null;
}

/**
 * Reads what follows a submission from its form's workflow and catalogue entry. The request is opened
 * by a job just after sending, so the fee is read from the payment when it exists, else from the
 * workflow (a fixed amount, or the answer that holds it).
 */
export async function nextStepsOf(
  db: Db,
  submission: { id: string; formId: string; answers: Record<string, unknown> },
): Promise<NextSteps> {
  const workflow = await workflowFor(db, submission.formId);
  const first = workflow.statuses[workflow.initial];
  const opened = await tablesOf<CasesTables>(db)
    .selectFrom('cases')
    .select(['id', 'authority_id'])
    .where('submission_id', '=', submission.id)
    .executeTakeFirst();
  const payment =
    opened && (await paymentsFrom(db, opened.authority_id, `case:${opened.id}:`)).find(isUnsettled);
  const asked = first?.payment;
  const answered = asked?.amountField ? submission.answers[asked.amountField] : undefined;
  const amountCents = payment
    ? payment.amount_cents
    : (asked?.amountCents ?? (typeof answered === 'number' ? Math.round(answered * 100) : 0));
  return {
    status: first?.citizenLabel ?? null,
    fee: asked && amountCents > 0 ? { amountCents, paymentId: payment?.id ?? null } : null,
    processingDays: await processingDaysOfForm(db, submission.formId),
    requestId: opened?.id ?? null,
  };
}
