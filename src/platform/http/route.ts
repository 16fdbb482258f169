import type { Context } from 'hono';
import type { Locale } from '../i18n/locales.ts';
import type { Logger } from '../logging/logger.ts';
import type { MalwareScanner } from '../uploads/clamd.ts';
import type { Branding } from '../views/page-context.ts';
import type { Access, Actor, PersonActor } from './access.ts';
import type { ApiOperation } from './api/api-route.ts';
import type { AssuranceLevel } from './assurance-level.ts';
import { HttpError } from './http-error.ts';
import type { RateLimitRule } from './rate-limit.ts';
import type { PendingHit } from './rate-limit-along.ts';
import type { Session } from './session.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AppEnv {
  Variables: {
    requestId: string;
    secureHeadersNonce?: string;
    session: Session;
    actor: Actor | null;
    /** The negotiated language, with the canton's languages as fallback. */
    locale: Locale;
    /** Negotiates again with a given authority's official languages as the last fallback. */
    localeFor(authorityLanguages: readonly Locale[]): Locale;
    log: Logger;
    /** The canton's branding, for pages that belong to no particular authority. */
    defaultBranding(locale: Locale): Promise<Branding>;
    /** ClamAV when `CLAMD_URL` is set; `readUploads` scans every file with it. */
    malwareScanner: MalwareScanner | null;
    /** On a `rateLimitAlong` route the caller may call, the hit its handler counts (`readAlongRateLimit`). */
    rateLimitAlong?: PendingHit;
  };
}

export type RouteContext = Context<AppEnv, string>;

/**
 * One row of the route table. `access` is mandatory so that a route cannot be added without saying
 * who may call it; test suites walk every module's table through `collectRoutes`.
 */
export interface RouteDef {
  method: Method;
  path: string;
  access: Access;
  /** Overrides the default write limit (state-changing routes) or adds one to a GET. */
  rateLimit?: RateLimitRule;
  /**
   * The handler counts the rate limit's hit in its first statement (`readAlongRateLimit`) instead of the
   * router in one of its own: a round trip less. Only once the route's access is granted (the router
   * counts refused callers itself), and counted after the handler if it did not.
   */
  rateLimitAlong?: true;
  /** The largest request body accepted, in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /**
   * The handler reads its body with `readUploads`, which streams files and stops at its own limits
   * with a message for the person: the router then neither buffers the body nor answers 413 itself
   * below `maxBodyBytes`, which stays the hard cap of the whole body.
   */
  uploads?: true;
  /** The minimum level of assurance; a weaker session is sent to log in again with a stronger means. */
  level?: AssuranceLevel;
  /**
   * Whether the route reads or changes one particular object (an account's document, a thread, an
   * authority's settings): `'decided'` makes the router demand that a successful answer follows a
   * `can()` decision, which it also demands of every route whose path has a parameter. A route with a
   * parameter that takes no such decision says why, e.g. `{ none: 'public catalogue page' }`.
   */
  object?: 'decided' | { none: string };
  /**
   * A post that comes after its session timed out, with a token from that session's pages, is not
   * applied but kept for its person (ADR 28), who is sent to log in again and then to this page (a
   * GET address), which shows it (`findKeptPost`, or `keptPostSealedCall` read along the page's own
   * statement) until the person posts here again from it: the page then adds `keptPostField` to its
   * form, and the router forgets the kept post on a post that carries it. Every other stale or forged
   * post is refused.
   */
  keptAfterTimeout?: (c: RouteContext) => string;
  /** Set by `apiRoute`: what the OpenAPI document says of this route, from the schemas that validate it. */
  api?: ApiOperation;
  handler(c: RouteContext): Response | Promise<Response>;
}

/**
 * The person a `person` (or `staff`) route acts for: the router has already resolved and checked
 * them, so this only narrows the type; elsewhere it refuses as unauthenticated.
 */
export function loggedInPerson(c: RouteContext): PersonActor {
  const actor = c.var.actor;
  if (actor?.kind !== 'person') throw new HttpError(401, 'unauthenticated');
  return actor;
}

export function isStateChanging(method: Method): boolean {
  return method !== 'GET';
}

/**
 * Whether the router demands the CSRF token: every state-changing route except protocol endpoints
 * and the API, whose callers authenticate with a bearer key that a browser never sends by itself.
 */
export function needsCsrfToken(route: Pick<RouteDef, 'method' | 'access'>): boolean {
  return isStateChanging(route.method) && route.access !== 'machine' && route.access !== 'apiClient';
}
