import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout, one object a line, for the log shipper to collect. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'guichet' },
    redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.secret'],
  });
}
