import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config/config.ts';
import type { AppEnv, RouteContext } from './route.ts';

/**
 * The headers every response of the site carries: a strict CSP (scripts by nonce only, no framing),
 * nosniff, HSTS under HTTPS. `extraFormActions` widens `form-action` for pages whose forms are meant to
 * leave the site (see `sendSecurityHeaders`). They are put on after the handler and over whatever it
 * set, so no page can weaken them.
 */
export function securityHeaders(config: Config, extraFormActions: string[] = []): MiddlewareHandler<AppEnv> {
  // Everything but the nonce is known at start: each response only joins three strings around it.
  const [beforeNonce, betweenNonces, afterNonce] = contentSecurityPolicy(config, extraFormActions);
  const constant = constantHeaders(config);
  return async (c, next) => {
    // Made once per request (`sendSecurityHeaders` runs this again and must give the page's own).
    let value = c.get('secureHeadersNonce');
    if (!value) {
      value = freshNonce();
      c.set('secureHeadersNonce', value);
    }
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', beforeNonce + value + betweenNonces + value + afterNonce);
    for (const [name, header] of constant) headers.set(name, header);
    // Static files and the visual frame are meant for other sites too (an authority's application
    // shows Guichet's header, styles and logo): they may be loaded across origins.
    const path = c.req?.path;
    const shared = path !== undefined && sharedAcrossOrigins.some((prefix) => path.startsWith(prefix));
    headers.set('Cross-Origin-Resource-Policy', shared ? 'cross-origin' : 'same-origin');
    headers.delete('X-Powered-By');
  };
}

const sharedAcrossOrigins = ['/assets/', '/frame/'];

/** The CSP around its two nonces: scripts by nonce only, no plugins, no `<base>`, no framing. */
function contentSecurityPolicy(config: Config, extraFormActions: string[]): [string, string, string] {
  // A checkout form posts here and is redirected to a payment provider (the platform's, or an
  // authority's own at Datatrans or Saferpay, whose page is on its API's host): Chromium checks the
  // whole chain.
  const formAction = [
    "'self'",
    ...new Set(
      [
        ...(config.payments ? [config.payments.payUrl] : []),
        config.paymentEndpoints.datatrans.payUrl,
        config.paymentEndpoints.saferpay.apiUrl,
      ].map((url) => new URL(url).origin),
    ),
    ...extraFormActions,
  ];
  return [
    "default-src 'self'; script-src 'nonce-",
    "' 'strict-dynamic'; style-src 'self' 'nonce-",
    `'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action ${formAction.join(' ')}`,
  ];
}

/** The other headers, the same on every response (as Hono's `secureHeaders` set them, less COEP). */
function constantHeaders(config: Config): [string, string][] {
  return [
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ...(config.publicUrl.startsWith('https://')
      ? [['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'] as [string, string]]
      : []),
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ['Permissions-Policy', 'camera=(self), geolocation=(), microphone=()'],
  ];
}

/**
 * A response's CSP nonce, 16 bytes of a pool filled by the system's CSPRNG a few hundred at a time
 * instead of one call per page.
 */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;
function freshNonce(): string {
  if (randomOffset + 16 > randomPool.length) {
    randomPool = randomBytes(4096);
    randomOffset = 0;
  }
  randomOffset += 16;
  return randomPool.toString('base64', randomOffset - 16, randomOffset);
}

/**
 * For handlers that write to the raw Node response themselves (the OpenID providers, a Koa app), which
 * the middleware's headers would never reach: puts the site's headers on it before it writes.
 */
export async function sendSecurityHeaders(
  c: RouteContext,
  outgoing: ServerResponse | Http2ServerResponse,
  config: Config,
  extraFormActions: string[] = [],
): Promise<void> {
  // A stand-in context: touching `c.res` here would make Hono copy the handler's "already sent" marker
  // into a response it then tries to write again. The nonce is still the request's own.
  const probe = { get: c.get.bind(c), set: c.set.bind(c), res: new Response(null) };
  await securityHeaders(config, extraFormActions)(probe as unknown as RouteContext, async () => {});
  probe.res.headers.forEach((value, name) => {
    outgoing.setHeader(name, value);
  });
}
