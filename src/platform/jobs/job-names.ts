import type { OutboundEvent } from '../events/emit-event.ts';

/**
 * Every background job the platform knows, with its payload: the one place where job names are
 * declared, as `module:verb-noun` (graphile-worker's crontab allows no dots). Modules register the
 * handlers; `enqueue` and the handlers are typed from this map.
 */
export interface JobPayloads {
  'platform:purge-expired': Record<string, never>;
  'audit:verify-chain': Record<string, never>;
  /** Signs the audit chain's head (a checkpoint), so that a later cut or rewrite shows. */
  'audit:write-checkpoint': Record<string, never>;
  /** Sends a link proving the person owns the e-mail address of their local means. */
  'identity:send-email-verification': { credentialId: string; locale: 'fr' | 'de' | 'en' };
  /** Sends a password-recovery link; the second factor is still asked when it is used. */
  'identity:send-recovery': { credentialId: string; locale: 'fr' | 'de' | 'en' };
  /** Deletes expired OpenID provider artefacts (codes, sessions, interactions). */
  'identity:purge-expired': Record<string, never>;
  /** Sends the code proving the person holds a mobile number. */
  'identity:send-mobile-code': { verificationId: string; locale: 'fr' | 'de' | 'en' };
  /** Sends one notification through one channel (e-mail, SMS, push). */
  'notifications:deliver': { deliveryId: string };
  /** Wraps document keys again with the current master key (after a key rotation). */
  'documents:rewrap-keys': Record<string, never>;
  /** Reminds of documents left unread, then asks the authority to send them by post. */
  'documents:remind-unread': Record<string, never>;
  /** Destroys documents whose retention period is over. */
  'documents:apply-retention': Record<string, never>;
  /** Seals an issued document (PAdES with a timestamp) and hands it out; see `issueDocument`. */
  'signing:seal-issued': { issuedId: string };
  /** Asks the swiyu-issuer for the wallet credential's offer of an issued document (ADR 26). */
  'signing:offer-credential': { credentialId: string };
  /** Revokes a revoked document's wallet credential at the swiyu-issuer (its status list entry). */
  'signing:revoke-credential': { credentialId: string };
  /** Issues the sealed receipt of a submission into the account's documents. */
  'forms:issue-receipt': { submissionId: string; accountId: string };
  /** Scans a document kept in quarantine because the malware scanner was down; retried until it answers. */
  'documents:scan-upload': { documentId: string; announce: boolean; requestReference?: string };
  /** Scans a form's file kept in quarantine because the malware scanner was down; retried likewise. */
  'forms:scan-file': { fileId: string };
  /** Opens the request (case) for an accepted form submission; enqueued with the submission itself. */
  'cases:open-from-submission': { submissionId: string; accountId: string };
  /** Moves requests whose status timed out (e.g. no complement after 30 days). */
  'cases:apply-timeouts': Record<string, never>;
  /** Makes the letter a status asks for and places it in the requester's documents. */
  'cases:generate-letter': { caseId: string; status: string; eventId: string };
  /** A fee the request's status asked for is paid: the request moves on. */
  'cases:payment-settled': { caseId: string; status: string };
  /** Asks the payment provider about payments left pending (no webhook came). */
  'payments:reconcile-pending': Record<string, never>;
  /** Asks the payment provider for a refund recorded as requested, then records its answer. */
  'payments:ask-refund': { refundId: string };
  /** A fact business applications may subscribe to: one delivery per subscribed endpoint (ADR 20). */
  'integration:publish-event': OutboundEvent & { id: string; occurredAt: string };
  /** One attempt to deliver one event to one endpoint; a failure schedules the next attempt. */
  'integration:deliver-webhook': { deliveryId: string };
  /** Attempts the webhook deliveries whose next attempt is due (their own jobs may have been lost). */
  'integration:deliver-due-webhooks': Record<string, never>;
  /** Tells an authority's administrators that one of their webhook endpoints was disabled. */
  'integration:alert-endpoint-disabled': { endpointId: string };
  /** Reminds pharmacies whose monthly narcotics statement is missing after its deadline. */
  'narcotics:remind-missing': Record<string, never>;
  /** Counts an emitted fact (submitted, decided, paid, opened) for the indicators, without personal data. */
  'indicators:record-event': OutboundEvent & { id: string; occurredAt: string };
  /** Removes access-log entries older than their retention (two years). */
  'accounts:purge-access-log': Record<string, never>;
  /** Mails a support answer to a requester who wrote without logging in. */
  'support:mail-reply': { replyId: string };
  /** A booking's fee is paid (or it had none): confirmed with its document, or put to the staff. */
  'booking:paid': { bookingId: string };
  /** Gives back the slots held for payments not completed in time. */
  'booking:release-holds': Record<string, never>;
  /** Reminds people of their bookings of the next day. */
  'booking:send-reminders': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** Periodic jobs (graphile-worker crontab syntax): minute hour day month weekday task. */
export const crontab = [
  '*/15 * * * * platform:purge-expired',
  '17 3 * * * audit:verify-chain',
  '*/5 * * * * audit:write-checkpoint',
  '*/30 * * * * identity:purge-expired',
  '41 6 * * * documents:remind-unread',
  '53 2 * * * documents:apply-retention',
  '7 * * * * cases:apply-timeouts',
  '*/10 * * * * payments:reconcile-pending',
  '* * * * * integration:deliver-due-webhooks',
  '23 7 * * * narcotics:remind-missing',
  '29 3 * * * accounts:purge-access-log',
  '* * * * * booking:release-holds',
  '13 * * * * booking:send-reminders',
];
