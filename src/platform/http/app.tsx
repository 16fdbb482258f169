import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config/config.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { negotiateLocale } from '../i18n/negotiate.ts';
import type { GuichetModule, Platform } from '../module.ts';
import { malwareScannerFor } from '../uploads/clamd.ts';
import { readLeadingFields } from '../uploads/form-token.ts';
import { platformMessages } from '../views/messages.ts';
import type { Branding } from '../views/page-context.ts';
import { type Actor, checkAccess } from './access.ts';
import { problemResponse } from './api/problem.ts';
import type { AssuranceLevel } from './assurance-level.ts';
import { answerAfterDecision } from './decision-trace.ts';
import { HttpError, StepUpRequired } from './http-error.ts';
import { keepAfterTimeout, SessionEnded, sessionEndedPage } from './kept-post-page.tsx';
import { dropKeptPost, keptPostField } from './kept-posts.ts';
import { hasMetricsToken, type Metrics } from './metrics.ts';
import { defaultWriteLimit, hitRateLimitState, rateLimitKey } from './rate-limit.ts';
import { answerCountingHit, enforceRateLimit } from './rate-limit-along.ts';
import { lazyChild, type RequestLabels, requestIdOf } from './request-frame.ts';
import { withRequestMemo } from './request-memo.ts';
import { type AppEnv, isStateChanging, needsCsrfToken, type RouteContext, type RouteDef } from './route.ts';
import { securityHeaders } from './security-headers.ts';
import { Session, type SessionReads, sessionCookieName } from './session.ts';

export interface AppOptions {
  platform: Platform;
  modules: GuichetModule[];
  metrics: Metrics;
  /** The identity module plugs in here; until then every visitor is anonymous. */
  resolveActor?: (c: RouteContext) => Promise<Actor | null>;
  /** Read with the session's row in one statement, for `resolveActor` (see `Session.companion`). */
  sessionCompanion?: SessionReads;
  defaultBranding: (locale: Locale) => Promise<Branding>;
  /** Where people log in; unauthenticated or too weakly authenticated GETs are sent there. */
  loginPath?: string;
  /** Official languages of the canton, the last fallback of language negotiation. */
  defaultLanguages: readonly Locale[];
  now?: () => Date;
  /** The modules' routes, when the caller has collected them already (to list them elsewhere too). */
  routes?: CollectedRoute[];
}

export interface CollectedRoute extends RouteDef {
  module: string;
}

/** Every module's route table, flattened; tests enumerate it to check policies on every route. */
export function collectRoutes(platform: Platform, modules: GuichetModule[]): CollectedRoute[] {
  return modules.flatMap((m) => (m.routes?.(platform) ?? []).map((route) => ({ ...route, module: m.name })));
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { platform, metrics } = options;
  const { config, db, assets, secrets } = platform;
  const now = options.now ?? (() => new Date());
  const sessionPolicy = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  };
  const secureCookies = config.publicUrl.startsWith('https://');
  const cookieName = sessionCookieName(secureCookies);
  const app = new Hono<AppEnv>();

  const secured = securityHeaders(config);
  const requestLabels = new Map<string, RequestLabels>();
  // One middleware for what every response gets (an id, the security headers, a log line, metrics):
  // each layer of Hono's chain costs a closure and a promise on every request.
  app.use(async (c, next) => {
    const started = performance.now();
    const id = requestIdOf(c.req.header('X-Request-Id'));
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    c.set('log', lazyChild(platform.logger, { requestId: id }));
    await secured(c, next);
    const route = c.req.routePath;
    const status = c.res.status;
    const seconds = (performance.now() - started) / 1000;
    const key = `${c.req.method} ${status} ${route}`;
    let labels = requestLabels.get(key);
    if (!labels) {
      labels = { method: c.req.method, route, status: String(status) };
      requestLabels.set(key, labels);
    }
    metrics.requests.inc(labels);
    metrics.duration.observe(labels, seconds);
    // The route's pattern, never the path: paths carry AVS numbers and one-time tokens.
    if (platform.logger.isLevelEnabled('info'))
      platform.logger.info(
        { requestId: id, method: c.req.method, route, status, ms: Math.round(seconds * 1000) },
        'request',
      );
  });

  app.get('/assets/*', (c) => {
    const asset = assets.find(c.req.path);
    if (!asset) return c.text('Not found', 404);
    return c.body(new Uint8Array(asset.body), 200, {
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });

  app.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? withRequestMemo(() => visitor(c, next))
      : visitor(c, next),
  );

  /** Who asks, in which language: the session, the actor, the negotiated locale. */
  async function visitor(c: RouteContext, next: () => Promise<void>): Promise<void> {
    const incoming = getCookie(c, cookieName);
    const session = await Session.load(db, incoming, sessionPolicy, now(), options.sessionCompanion);
    c.set('session', session);
    const actor = (await options.resolveActor?.(c)) ?? null;
    c.set('actor', actor);
    const chosen = c.req.query('lang');
    const cookie = getCookie(c, 'lang');
    const stored = actor?.kind === 'person' ? actor.language : undefined;
    const acceptLanguage = c.req.header('Accept-Language');
    c.set('localeFor', (languages) =>
      negotiateLocale({ chosen, cookie, stored, acceptLanguage, authorityLanguages: languages }),
    );
    c.set(
      'locale',
      negotiateLocale({
        chosen,
        cookie,
        stored,
        acceptLanguage,
        authorityLanguages: options.defaultLanguages,
      }),
    );
    c.set('defaultBranding', options.defaultBranding);
    c.set('malwareScanner', malwareScannerFor(config));
    if (isLocale(chosen) && chosen !== cookie) {
      setCookie(c, 'lang', chosen, { path: '/', maxAge: 31_536_000, sameSite: 'Lax', secure: secureCookies });
    }
    await next();
    await session.save(db, sessionPolicy, now());
    if (session.needsCookie && session.cookieValue !== incoming) {
      setCookie(c, cookieName, session.cookieValue, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: secureCookies,
      });
    }
  }

  for (const route of options.routes ?? collectRoutes(platform, options.modules)) {
    // Bodies are counted as they stream in, whatever Content-Length claims; routes that take files say
    // how much. Protocol endpoints hand the untouched Node request to their library, which limits itself,
    // unless they read the body themselves and say how much (webhooks). A GET's body is never read:
    // counting it would only cost building the whole Request for every page.
    const limit: MiddlewareHandler<AppEnv>[] =
      route.method === 'GET' || (route.access === 'machine' && route.maxBodyBytes === undefined)
        ? []
        : route.uploads
          ? [streamingBodyLimit(route.maxBodyBytes ?? defaultMaxBodyBytes)]
          : [
              bodyLimit({
                maxSize: route.maxBodyBytes ?? defaultMaxBodyBytes,
                onError: () => {
                  throw new HttpError(413, 'too_large');
                },
              }),
            ];
    const answer: MiddlewareHandler<AppEnv> = async (c) => {
      await guard(c, route, config);
      return answerCountingHit(c, db, config.demo, () => answerAfterDecision(c, route, config.demo));
    };
    // No pass-through layer where there is nothing to limit: each costs a step of Hono's chain.
    app.on(route.method, route.path, ...(limit.concat(answer) as [MiddlewareHandler<AppEnv>]));
  }

  app.notFound((c) => errorPage(c as RouteContext, platform, new HttpError(404, 'not_found')));
  app.onError((error, c) => {
    if (error instanceof StepUpRequired) error = toLogIn(c, error.level);
    if (error instanceof RedirectTo) return c.redirect(error.location, 303);
    if (error instanceof SessionEnded)
      return sessionEndedPage(c as RouteContext, platform, error, options.loginPath ?? '/login');
    if (error instanceof HttpError) return errorPage(c as RouteContext, platform, error);
    if (referredToRemovedRow(error)) {
      // What the request refers to was removed meanwhile (a draft deleted in another tab while a file
      // was added to it): the person's conflict, not a fault of ours.
      c.var.log?.warn({ err: error }, 'referred to a row removed meanwhile');
      return errorPage(c as RouteContext, platform, new HttpError(409, 'removed_meanwhile'));
    }
    c.var.log?.error({ err: error }, 'unhandled error');
    return errorPage(c as RouteContext, platform, error);
  });
  return app;

  async function guard(c: RouteContext, route: RouteDef, config: Config): Promise<void> {
    // CSRF first: a forged request is refused whoever the victim is logged in as.
    if (needsCsrfToken(route)) {
      if (crossSite(c, config.publicUrl)) throw new HttpError(403, 'csrf');
      const header = c.req.header('X-CSRF-Token');
      // Read once, for the token and, where posts are kept, whether the page showed a kept post.
      const form = header === undefined || route.keptAfterTimeout ? await readRouterFields(c, route) : {};
      const token = header ?? form._csrf;
      if (!c.var.session.verifyCsrfToken(secrets, token)) {
        const subject = route.keptAfterTimeout && c.var.session.endedSubjectFor(secrets, token);
        if (!route.keptAfterTimeout || !subject) throw new HttpError(403, 'csrf');
        const rule = route.rateLimit ?? defaultWriteLimit;
        const key = rateLimitKey(null, clientAddress(c, config.trustProxy));
        enforceRateLimit(c, rule, await hitRateLimitState(db, rule, key, now()), false);
        throw await keepAfterTimeout(c, platform, subject, route.keptAfterTimeout(c));
      }
      // Only a page that showed a kept post says so: any other post of the form costs no statement for
      // it. After logging in again, every page of that form shows the kept post until it is dropped, and
      // a page from before the time-out carries the ended session's token, which never gets here.
      const actor = c.get('actor');
      if (route.keptAfterTimeout && actor?.kind === 'person' && form[keptPostField] === '1')
        await dropKeptPost(db, actor.id, c.req.path);
    }
    const rule = route.rateLimit ?? (isStateChanging(route.method) ? defaultWriteLimit : undefined);
    if (rule) {
      const key = rateLimitKey(c.get('actor'), clientAddress(c, config.trustProxy));
      if (route.rateLimitAlong && checkAccess(route.access, c.get('actor'), route.level) === 'allowed')
        c.set('rateLimitAlong', { rule, key, now: now(), api: !!route.api, taken: false });
      else enforceRateLimit(c, rule, await hitRateLimitState(db, rule, key, now()), !!route.api);
    }
    if (route.access === 'metrics') {
      // With a listener of their own (METRICS_PORT), metrics are not on the site's port at all.
      if (config.metrics) throw new HttpError(404, 'not_found');
      if (config.metricsToken && !hasMetricsToken(c.req.header('Authorization'), config.metricsToken))
        throw new HttpError(401, 'unauthenticated');
    }
    const outcome = checkAccess(route.access, c.get('actor'), route.level);
    if (outcome === 'forbidden') throw new HttpError(403, 'forbidden');
    if (outcome === 'unauthenticated' || outcome === 'stepUp')
      throw toLogIn(c, outcome === 'stepUp' ? route.level : undefined);
  }

  /**
   * People are sent to log in (again, with a means of `level`) and brought back; machines get 401.
   * A page is a GET (Hono answers HEAD with the GET route).
   */
  function toLogIn(c: Context<AppEnv>, level?: AssuranceLevel): Error {
    if (
      (c.req.method === 'GET' || c.req.method === 'HEAD') &&
      options.loginPath &&
      !c.req.path.startsWith('/api/')
    ) {
      const query = new URLSearchParams({ return: c.req.path + new URL(c.req.url).search });
      if (level) query.set('level', level);
      return new RedirectTo(`${options.loginPath}?${query}`);
    }
    return new HttpError(401, 'unauthenticated');
  }
}

/**
 * A cap on the whole body that counts bytes as they pass instead of buffering them (Hono's `bodyLimit`
 * keeps a chunked body in memory): a declared length above it is refused at once, a longer stream fails
 * where it passes the cap.
 */
function streamingBodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    if (Number(c.req.header('Content-Length') ?? 0) > maxBytes) throw new HttpError(413, 'too_large');
    let size = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.length;
          if (size > maxBytes) controller.error(new HttpError(413, 'too_large'));
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
}

class RedirectTo extends Error {
  constructor(readonly location: string) {
    super(location);
  }
}

/**
 * Whether the browser says the request comes from another site (`Sec-Fetch-Site`, or an `Origin` that
 * is neither this host nor the public address): refused before the token is even read, as a second
 * line behind it (ASVS 3.5.1).
 */
function crossSite(c: RouteContext, publicUrl: string): boolean {
  if (c.req.header('Sec-Fetch-Site') === 'cross-site') return true;
  const origin = c.req.header('Origin');
  if (!origin) return false;
  if (origin === 'null') return true; // sandboxed frames and opaque redirects
  const host = URL.parse(origin)?.host;
  return host !== new URL(c.req.url).host && host !== new URL(publicUrl).host;
}

/**
 * The router's own fields of a form post: the CSRF token and, on a route that keeps late posts, the
 * field a page adds when it shows a kept post (the body is parsed once for both).
 */
async function readRouterFields(c: RouteContext, route: RouteDef): Promise<Partial<Record<string, string>>> {
  const names = route.keptAfterTimeout ? ['_csrf', keptPostField] : ['_csrf'];
  const type = c.req.header('Content-Type') ?? '';
  // Files stream past the router: only the head of the body, where forms put these fields, is read.
  if (type.startsWith('multipart/form-data')) {
    const { values, request } = await readLeadingFields(c.req.raw, names);
    c.req.raw = request;
    return values;
  }
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  const body = await c.req.parseBody();
  return Object.fromEntries(
    names.flatMap((name) => (typeof body[name] === 'string' ? [[name, body[name]]] : [])),
  );
}

function clientAddress(c: RouteContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // requests made in-process (tests, app.request) have no socket
  }
}

const errorTexts = {
  not_found: ['notFoundTitle', 'notFoundBody'],
  forbidden: ['forbiddenTitle', 'forbiddenBody'],
  unauthenticated: ['unauthenticatedTitle', 'unauthenticatedBody'],
  csrf: ['csrfTitle', 'csrfBody'],
  rate_limited: ['rateLimitedTitle', 'rateLimitedBody'],
  too_large: ['tooLargeTitle', 'tooLargeBody'],
  removed_meanwhile: ['removedMeanwhileTitle', 'removedMeanwhileBody'],
} as const;

/** PostgreSQL's foreign_key_violation: a row written refers to one that is not (or no longer) there. */
const referredToRemovedRow = (error: Error) => (error as { code?: unknown }).code === '23503';

/** What a request may carry unless its route says otherwise: forms, not files. */
const defaultMaxBodyBytes = 1024 * 1024;

/** Errors answer in kind: JSON for API clients, a branded page in the user's language for people. */
async function errorPage(c: RouteContext, platform: Platform, error: Error): Promise<Response> {
  const status = error instanceof HttpError ? error.status : 500;
  const code = error instanceof HttpError ? error.code : 'server_error';
  if (c.req.path.startsWith('/api/')) return problemResponse(c, error);
  const wantsJson = (c.req.header('Accept') ?? '').startsWith('application/json');
  if (wantsJson) return c.json({ error: code, requestId: c.var.requestId }, status);
  if (!c.var.session) return c.text(code, status); // failed before the session middleware ran
  const t = platformMessages.translator(c.var.locale);
  const [title, body] =
    code in errorTexts
      ? errorTexts[code as keyof typeof errorTexts]
      : (['serverErrorTitle', 'serverErrorBody'] as const);
  const params = { seconds: error.message, reference: c.var.requestId };
  return platform.render(
    c,
    { title: t(title), status },
    <>
      <h1>{t(title)}</h1>
      <p>{(error instanceof HttpError && error.detail) || t(body, params)}</p>
    </>,
  );
}
