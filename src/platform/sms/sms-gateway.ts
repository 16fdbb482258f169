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
      if (response.status !== 201 && response.status !== 200)
        throw new Error(`SMS gateway answered ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    },
  };
}

/** A delivery report: the message (by our reference) reached the phone, or could not. */
export interface DeliveryReport {
  reference: string;
  status: 'delivered' | 'undeliverable';
}

/**
 * The gateway signs its delivery reports `X-Signature: sha256=<hex HMAC-SHA256 of the body>`, keyed by
 * the token we share with it: without a token, no report is believed.
 */
export function verifyDeliveryReport(
  token: string | undefined,
  rawBody: string,
  signature: string | undefined,
): DeliveryReport | undefined {
  if (!token || !signature?.startsWith('sha256=')) return undefined;
  const expected = createHmac('sha256', token).update(rawBody).digest();
  const given = Buffer.from(signature.slice('sha256='.length), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const report = JSON.parse(rawBody) as Partial<DeliveryReport>;
  if (
    typeof report.reference !== 'string' ||
    (report.status !== 'delivered' && report.status !== 'undeliverable')
  )
    return undefined;
  return { reference: report.reference, status: report.status };
}

export function signDeliveryReport(token: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', token).update(rawBody).digest('hex')}`;
}
