import { AsyncLocalStorage } from 'node:async_hooks';
import type { RouteContext, RouteDef } from './route.ts';

/**
 * Whether the request being answered has asked the policy for an access decision. The kernel knows no
 * domain: the policy module says "a decision was taken" through `noteDecision`, and the router checks
 * that an object-bound route answered successfully only after one.
 */
const trace = new AsyncLocalStorage<{ decisions: number }>();

/** Called by the policy on every decision, allowed or refused; outside a request it does nothing. */
export function noteDecision(): void {
  const current = trace.getStore();
  if (current) current.decisions += 1;
}

/**
 * Whether a route reads or changes one particular object and so must decide with `can()`: when it says
 * so, or when its path names something (`:id`, `:slug`) and it gave no reason why not.
 */
export function isObjectBound(route: Pick<RouteDef, 'path' | 'object'>): boolean {
  if (route.object === 'decided') return true;
  return route.object === undefined && /:\w/.test(route.path);
}

class MissingDecision extends Error {
  constructor(route: Pick<RouteDef, 'method' | 'path'>) {
    super(`${route.method} ${route.path} answered without an access decision (can())`);
  }
}

/**
 * Runs the handler and, for an object-bound route whose answer is a success (2xx or 3xx), checks that
 * `can()` was asked on the way. In demo mode (development, tests) a missing decision fails the request
 * with a 500, so that a test finds it; in production it is logged as an error and the answer stands.
 */
export async function answerAfterDecision(
  c: RouteContext,
  route: Pick<RouteDef, 'method' | 'path' | 'object' | 'handler'>,
  strict: boolean,
): Promise<Response> {
  if (!isObjectBound(route)) return route.handler(c);
  const record = { decisions: 0 };
  const response = await trace.run(record, () => route.handler(c));
  if (record.decisions > 0 || response.status >= 400) return response;
  const error = new MissingDecision(route);
  if (strict) throw error;
  c.var.log.error({ err: error, route: route.path }, 'missing access decision');
  return response;
}
