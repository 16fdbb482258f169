import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { MiddlewareHandler } from 'hono';
import { type ContentSecurityPolicyOptionHandler, secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config/config.ts';
import type { AppEnv, RouteContext } from './route.ts';

/**
 * The headers every response of the site carries: a strict CSP (scripts by nonce only, no framing),
 * nosniff, HSTS under HTTPS. `extraFormActions` widens `form-action` for pages whose forms are meant to
 * leave the site (see `sendSecurityHeaders`).
 */
export function securityHeaders(config: Config, extraFormActions: string[] = []): MiddlewareHandler<AppEnv> {
  const strict = strictHeaders(config, extraFormActions);
  return async (c, next) => {
    await strict(c, next);
    // Static files and the visual frame are meant for other sites too (an authority's application
    // shows Guichet's header, styles and logo): they may be loaded across origins.
    if (sharedAcrossOrigins.some((prefix) => c.req?.path.startsWith(prefix)))
      c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  };
}

const sharedAcrossOrigins = ['/assets/', '/frame/'];

/**
 * The response's CSP nonce (as Hono's `NONCE`: made once per request, kept in `secureHeadersNonce`),
 * 16 bytes of a pool filled by the system's CSPRNG a few hundred at a time instead of one call per page.
 */
const nonce: ContentSecurityPolicyOptionHandler = (c) => {
  let value = c.get('secureHeadersNonce') as string | undefined;
  if (!value) {
    value = freshNonce();
    c.set('secureHeadersNonce', value);
  }
  return `'nonce-${value}'`;
};

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

function strictHeaders(config: Config, extraFormActions: string[]): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: [nonce, "'strict-dynamic'"],
      styleSrc: ["'self'", nonce],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      // A checkout form posts here and is redirected to a payment provider (the platform's, or an
      // authority's own at Datatrans or Saferpay, whose page is on its API's host): Chromium checks the
      // whole chain.
      formAction: [
        "'self'",
        ...new Set(
          [
            ...(config.payments ? [config.payments.payUrl] : []),
            config.paymentEndpoints.datatrans.payUrl,
            config.paymentEndpoints.saferpay.apiUrl,
          ].map((url) => new URL(url).origin),
        ),
        ...extraFormActions,
      ],
    },
    strictTransportSecurity: config.publicUrl.startsWith('https://')
      ? 'max-age=63072000; includeSubDomains'
      : false,
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginEmbedderPolicy: false,
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: ['self'], geolocation: [], microphone: [] },
  });
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
