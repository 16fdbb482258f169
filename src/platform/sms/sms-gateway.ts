import type { Logger } from '../logging/logger.ts';

export interface SmsGateway {
  /** Sends a text; resolves with the gateway's message id once it accepted it. */
  send(message: { to: string; text: string; reference: string }): Promise<string>;
}

/**
 * The HTTP SMS gateway: `POST {url}/messages` with a bearer token and `{ from, to, text, reference }`,
 * answered `201 { id, status }`. `reference` is our idempotency key: the gateway accepts a repeated
 * reference once, so a retried job does not send a second SMS. Without a gateway (demo), texts are
 * logged. Always called from a job: a gateway that is down means a retry later.
 */
export function createSmsGateway(options: {
  url: string | undefined;
  token: string | undefined;
  sender: string;
  logger: Logger;
}): SmsGateway {
  if (!options.url) {
    return {
      async send(message) {
        options.logger.info({ sms: message }, 'sms (no SMS_GATEWAY_URL: logged, not sent)');
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
        body: JSON.stringify({ from: options.sender, ...message }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status !== 201 && response.status !== 200)
        throw new Error(`SMS gateway answered ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    },
  };
}
