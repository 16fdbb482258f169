import { type Expression, sql } from 'kysely';
import type { Db } from '../database/database.ts';
import { executeWithGenericPlan } from '../database/generic-plans.ts';
import { HttpError } from './http-error.ts';
import { hitRateLimit, type RateLimitRule, type RateLimitState, rateLimitHit } from './rate-limit.ts';
import type { RouteContext } from './route.ts';

/** The hit the router left to a `rateLimitAlong` route's handler, to count in its first statement. */
export interface PendingHit {
  rule: RateLimitRule;
  key: string;
  now: Date;
  api: boolean;
  taken: boolean;
}

/**
 * Answers a refused hit as the router does: 429 with `Retry-After`, and the budget announced to API
 * clients in the IETF draft's structured form, so that they can pace themselves.
 */
export function enforceRateLimit(c: RouteContext, rule: RateLimitRule, state: RateLimitState, api: boolean) {
  const { wait, remaining, reset } = state;
  if (api) {
    c.header('RateLimit-Policy', `"${rule.bucket}";q=${rule.limit};w=${rule.windowSeconds}`);
    c.header('RateLimit', `"${rule.bucket}";r=${remaining};t=${wait > 0 ? wait : reset}`);
  }
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    throw new HttpError(429, 'rate_limited', String(wait));
  }
}

interface Counted {
  rateLimitCurrent: number;
  rateLimitPrevious: number;
  rateLimitRead: boolean | null;
}

/**
 * Runs `read` (one row or none) in the statement that counts the request's rate-limit hit, and refuses
 * with 429 before anything is made of the row when over the limit: a route declared `rateLimitAlong`
 * saves the hit's own round trip. Outside such a route it is only `read`.
 */
export async function readAlongRateLimit<Row>(
  c: RouteContext,
  db: Db,
  read: Expression<Row>,
): Promise<Row | undefined> {
  const pending = c.var.rateLimitAlong;
  if (!pending || pending.taken)
    return (await executeWithGenericPlan(db, sql<Row>`${read}`.compile(db))).rows[0];
  const hit = rateLimitHit(pending.rule, pending.key, pending.now);
  const { rows } = await executeWithGenericPlan(
    db,
    sql<Counted>`
    with ${hit.counted}
    select c.current as "rateLimitCurrent", c.previous as "rateLimitPrevious", r.*
    from rate_limit_counts c left join lateral (select true as "rateLimitRead", q.* from (${read}) q) r on true`.compile(
      db,
    ),
  );
  pending.taken = true;
  const {
    rateLimitCurrent: current,
    rateLimitPrevious: previous,
    rateLimitRead,
    ...row
  } = rows[0] ?? {
    rateLimitCurrent: 1,
    rateLimitPrevious: 0,
    rateLimitRead: null,
  };
  enforceRateLimit(c, pending.rule, hit.verdict({ current, previous }), pending.api);
  return rateLimitRead ? (row as Row) : undefined;
}

/**
 * Runs a `rateLimitAlong` route's handler and counts its hit after it if it was not taken along (it
 * threw first, or forgot): every request is counted. Forgetting is a bug: in demo mode (development,
 * tests) the success becomes a 500, in production it is logged.
 */
export async function answerCountingHit(
  c: RouteContext,
  db: Db,
  strict: boolean,
  answer: () => Promise<Response>,
): Promise<Response> {
  const pending = c.var.rateLimitAlong;
  if (!pending) return answer();
  let response: Response;
  try {
    response = await answer();
  } finally {
    if (!pending.taken) await hitRateLimit(db, pending.rule, pending.key, pending.now);
  }
  if (pending.taken || response.status >= 400) return response;
  const error = new Error(`${c.req.method} ${c.req.routePath} took no rate-limit hit along`);
  if (strict) throw error;
  c.var.log.error({ err: error }, 'rate-limit hit not taken along');
  return response;
}
