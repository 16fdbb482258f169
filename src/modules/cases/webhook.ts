import { createHmac } from 'node:crypto';
import type { Secrets } from '../../platform/crypto/secrets.ts';
import type { Db } from '../../platform/database/database.ts';
import { getCaseForJob } from './get-case.ts';
import { workflowFor } from './workflow-store.ts';

/**
 * The key a service's webhook is signed with: derived from the platform's `webhooks` key and the form,
 * never stored. A new generation of that key changes every service's (see README).
 */
export function webhookSecret(secrets: Secrets, formId: string): string {
  return createHmac('sha256', secrets.current('webhooks').key).update(`webhook:${formId}`).digest('hex');
}

/**
 * Posts the status change to the service's business application, signed
 * (`X-Guichet-Signature: sha256=<HMAC of the body>`, and `X-Guichet-Key-Id`, the generation of the key,
 * so that a receiver can tell a rotation from a forgery), with the event id for deduplication. A failure
 * fails the job, which the queue retries with back-off.
 */
export async function callWebhook(
  db: Db,
  secrets: Secrets,
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
  const signature = createHmac('sha256', webhookSecret(secrets, item.form_id)).update(body).digest('hex');
  const response = await fetch(workflow.webhookUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Guichet-Signature': `sha256=${signature}`,
      'X-Guichet-Event': job.eventId,
      'X-Guichet-Key-Id': secrets.current('webhooks').id,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Webhook answered ${response.status}`);
}
