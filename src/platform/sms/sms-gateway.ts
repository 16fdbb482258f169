import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';

/** Where the gateway reports deliveries (the notifications module answers there). */
export const smsReceiptsPath = '/notifications/sms/receipts';

export interface SmsGateway {
  /** Sends a text; resolves with the gateway's message id once it accepted it. */
  send(message: { to: string; text: string; reference: string }): Promise<string>;
}

/**
 * The HTTP SMS gateway: `POST {url}/messages` with a bearer token and
 * `{ from, to, text, reference, statusCallback }`, answered `201 { id, status }`. `reference` is our
 * idempotency key: the gateway accepts a repeated reference once, so a retried job does not send a
 * second SMS. It later posts the delivery report to `statusCallback` (see `verifyDeliveryReport`).
 * Without a gateway (demo), texts are logged. Always called from a job: a gateway that is down means a
 * retry later.
 */
export function createSmsGateway(options: {
  url: string | undefined;
  token: string | undefined;
  sender: string;
  statusCallback: string;
  logger: Logger;
  /** Log the text of what is not sent (demo): elsewhere it holds confirmation codes. */
  logText: boolean;
}): SmsGateway {
  if (!options.url) {
    return {
      async send(message) {
        const { text, ...rest } = message;
        options.logger.info(
          { sms: options.logText ? message : rest },
          'sms (no SMS_GATEWAY_URL: logged, not sent)',
        );
        return `logged-${message.reference}`;
      },
    };
  }
  const url = options.url.replace(/\/$/, '');
  return {
    async send(message) {
      const response = await fetch(`${url}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.token ?? ''}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: options.sender, ...message, statusCallback: options.statusCallback }),
        signal: AbortSignal.timeout(10_000),
      });
      // The status goes with the error: the outbox tells a refusal (4xx) from an outage (5xx).
      if (response.status !== 201 && response.status !== 200)
        throw Object.assign(new Error(`SMS gateway answered ${response.status}`), {
          status: response.status,
        });
      return ((await response.json()) as { id: string }).id;
    },
  };
}

/** A delivery report: the message (by our reference) reached the phone, or could not. */
export interface DeliveryReport {
  reference: string;
  status: 'delivered' | 'undeliverable';
  /** The gateway's own id for this report, unique: a report received twice is a replay. */
  nonce: string;
}

/**
 * How far a delivery report's timestamp may be from our clock (either way) to be believed; its nonce
 * is remembered this long, so that a report posted again is refused.
 */
export const deliveryReportFreshnessMs = 5 * 60_000;

/** The largest delivery report accepted: a few fields. */
export const deliveryReportMaxBytes = 4 * 1024;

/**
 * The gateway signs its delivery reports `X-Signature: t=<ms since the epoch>,sha256=<hex>`: an
 * HMAC-SHA256, keyed by the token we share with it, of the timestamp, a dot and the raw body (which
 * carries the report's nonce). Without a token, no report is believed. `stale`: signed, but at a time
 * too far from `now` to be believed.
 */
export function verifyDeliveryReport(
  token: string | undefined,
  rawBody: string,
  header: string | undefined,
  now: Date,
): { report: DeliveryReport; signedAt: Date } | 'invalid' | 'stale' {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((part) => part.trim().split('=') as [string, string]),
  );
  if (!token || !parts.t || !/^\d{1,15}$/.test(parts.t) || !parts.sha256) return 'invalid';
  const expected = createHmac('sha256', token).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.sha256, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const signedAt = new Date(Number(parts.t));
  if (Math.abs(now.getTime() - signedAt.getTime()) > deliveryReportFreshnessMs) return 'stale';
  const report = JSON.parse(rawBody) as Partial<DeliveryReport>;
  if (
    typeof report.reference !== 'string' ||
    (report.status !== 'delivered' && report.status !== 'undeliverable') ||
    typeof report.nonce !== 'string' ||
    !/^[\w-]{16,100}$/.test(report.nonce)
  )
    return 'invalid';
  return { report: { reference: report.reference, status: report.status, nonce: report.nonce }, signedAt };
}

/** The `X-Signature` of a delivery report signed at `timestamp` (ms since the epoch, as text). */
export function signDeliveryReport(token: string, timestamp: string, rawBody: string): string {
  return `t=${timestamp},sha256=${createHmac('sha256', token).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
