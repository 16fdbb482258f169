import type { Transporter } from 'nodemailer';
import type { Logger } from '../logging/logger.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID, so that a mail sent again after a crash is recognisable as the same one. */
  messageId?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Sends over SMTP (`SMTP_URL`, e.g. smtp://user:pass@mail.example:587). Without one, mails are
 * written to the log — in demo mode with their text, so that a developer can follow a verification
 * link; otherwise without, since recovery links open accounts. Always called from a job, so a mail
 * server that is down means a retry later, not a lost message.
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  logger: Logger;
  logText: boolean;
}): Mailer {
  if (!options.smtpUrl) {
    return {
      async send(mail) {
        options.logger.info(
          { mail: { to: mail.to, subject: mail.subject, ...(options.logText && { text: mail.text }) } },
          'mail (no SMTP_URL: logged, not sent)',
        );
      },
    };
  }
  const url = new URL(options.smtpUrl);
  const transportOptions = {
    host: url.hostname,
    port: Number(url.port || 587),
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    // Only a server on this machine (tests, a local relay) may be spoken to without TLS.
    ignoreTLS: ['127.0.0.1', 'localhost', '::1'].includes(url.hostname),
    connectionTimeout: 10_000,
  };
  let transport: Transporter | undefined;
  return {
    async send(mail) {
      // nodemailer loads with the first mail sent, not at every start.
      transport ??= (await import('nodemailer')).default.createTransport(transportOptions);
      await transport.sendMail({ from: options.from, ...mail });
    },
  };
}
