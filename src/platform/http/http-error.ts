import type { AssuranceLevel } from './assurance-level.ts';

/** Thrown by handlers and domain functions; rendered as a branded error page or a JSON problem. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: string,
    message = code,
    /** Why, in the person's language, shown on the error page instead of the generic text. */
    readonly detail?: string,
    /** More members of an API problem (RFC 9457), e.g. the fields that did not validate. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * The object asks for a stronger means of logging in than the session's (a request of a service that
 * asks for a higher level): a page sends the person to log in with one and back; anything else is 401.
 */
export class StepUpRequired extends Error {
  constructor(readonly level: AssuranceLevel) {
    super(`needs a level of assurance of ${level}`);
  }
}

export const notFound = () => new HttpError(404, 'not_found');
export const forbidden = () => new HttpError(403, 'forbidden');
