import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type Provider from 'oidc-provider';
import { HttpError } from '../../../platform/http/http-error.ts';
import type { RouteContext } from '../../../platform/http/route.ts';

/** The raw Node request and response: oidc-provider (a Koa app) and its interaction helpers need them. */
export function nodeBindings(c: RouteContext): HttpBindings {
  const bindings = c.env as HttpBindings | undefined;
  if (!bindings?.incoming) throw new HttpError(404, 'not_found'); // in-process requests have no socket
  return bindings;
}

/** Hands the request to the provider, seen from its mount point (`prefix`), like express would. */
export async function delegateToProvider(
  provider: Provider,
  c: RouteContext,
  prefix = '',
): Promise<Response> {
  const { incoming, outgoing } = nodeBindings(c);
  const original = incoming.url ?? '/';
  Object.assign(incoming, { originalUrl: original, url: original.slice(prefix.length) || '/' });
  await provider.callback()(incoming, outgoing);
  return RESPONSE_ALREADY_SENT;
}
