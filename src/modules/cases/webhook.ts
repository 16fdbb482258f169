import { createHmac } from 'node:crypto';
import type { Db } from '../../platform/database/database.ts';
import { getCaseForJob } from './get-case.ts';
import { workflowFor } from './workflow-store.ts';

/** The key a service's webhook is signed with: derived from the platform secret and the form, never stored. */
export function webhookSecret(platformSecret: string, formId: string): string {
  return createHmac('sha256', platformSecret).update(`webhook:${formId}`).digest('hex');
}

/**
 * Posts the status change to the service's business application, signed
 * (`X-Guichet-Signature: sha256=<HMAC of the body>`), with the event id for deduplication. A failure
 * fails the job, which the queue retries with back-off.
 */
export async function callWebhook(
  db: Db,
  platformSecret: string,
  job: { caseId: string; status: string; eventId: string },
): Promise<void> {
  const item = await getCaseForJob(db, job.caseId);
  if (!item) return;
  const workflow = await workflowFor(db, item.form_id);
  if (!workflow.webhookUrl) return;
  const body = JSON.stringify({
    event: 'request.status',
    id: job.eventId,
    request: { id: item.id, reference: item.reference, status: job.status, form: item.form_id },
  });
  const signature = createHmac('sha256', webhookSecret(platformSecret, item.form_id))
    .update(body)
    .digest('hex');
  const response = await fetch(workflow.webhookUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Guichet-Signature': `sha256=${signature}`,
      'X-Guichet-Event': job.eventId,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Webhook answered ${response.status}`);
}
