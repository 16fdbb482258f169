import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type Provider from 'oidc-provider';
import type { Config } from '../../../platform/config/config.ts';
import { HttpError } from '../../../platform/http/http-error.ts';
import type { RouteContext } from '../../../platform/http/route.ts';
import { sendSecurityHeaders } from '../../../platform/http/security-headers.ts';

/** The raw Node request and response: oidc-provider (a Koa app) and its interaction helpers need them. */
export function nodeBindings(c: RouteContext): HttpBindings {
  const bindings = c.env as HttpBindings | undefined;
  if (!bindings?.incoming) throw new HttpError(404, 'not_found'); // in-process requests have no socket
  return bindings;
}

/**
 * Hands the request to the provider, seen from its mount point (`prefix`), like express would. The
 * provider writes its pages (logout, errors, form posts) itself, so the site's headers go on first.
 * `formActions`: where its own forms may lead besides this site — the registered applications, whose
 * addresses the provider checks against their registration.
 */
export async function delegateToProvider(
  provider: Provider,
  c: RouteContext,
  options: { config: Config; prefix?: string; formActions?: string[] },
): Promise<Response> {
  const { incoming, outgoing } = nodeBindings(c);
  const original = incoming.url ?? '/';
  const prefix = options.prefix ?? '';
  Object.assign(incoming, { originalUrl: original, url: original.slice(prefix.length) || '/' });
  await sendSecurityHeaders(c, outgoing, options.config, options.formActions);
  await provider.callback()(incoming, outgoing);
  return RESPONSE_ALREADY_SENT;
}
