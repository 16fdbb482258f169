import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';

/** A request's metric labels, made once per route, method and status rather than once per request. */
export interface RequestLabels {
  method: string;
  route: string;
  status: string;
}

/**
 * The id a request is logged and answered under: the caller's `X-Request-Id` when it is a plain token
 * of at most 255 characters (a proxy's, to follow one request across systems), otherwise a new UUID.
 */
export function requestIdOf(given: string | undefined): string {
  return given && given.length <= 255 && plainToken.test(given) ? given : randomUUID();
}

const plainToken = /^[\w\-=]+$/;

/**
 * `logger.child(bindings)`, made only when the request logs something: most requests log nothing but
 * their final line, and a pino child (its bindings serialised, redaction applied) costs more than the
 * rest of a cached page's framing.
 */
export function lazyChild(logger: Logger, bindings: Record<string, string>): Logger {
  let child: Logger | undefined;
  return new Proxy(logger, {
    get(_target, property) {
      child ??= logger.child(bindings);
      const value = Reflect.get(child, property, child);
      return typeof value === 'function' ? value.bind(child) : value;
    },
  });
}
