import { sql } from 'kysely';
import { type Db, tablesOf } from '../database/database.ts';
import type { Actor } from './access.ts';
import type { HttpTables } from './migrations.ts';

export interface RateLimitRule {
  /** Routes sharing a bucket share one counter (e.g. every login route). */
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/** Every state-changing route gets this unless it declares its own. */
export const defaultWriteLimit: RateLimitRule = { bucket: 'write', limit: 60, windowSeconds: 60 };

/**
 * Counts a hit, in PostgreSQL so that every instance behind the load balancer sees the same count, as
 * a sliding window: the current window's hits plus the previous window's, weighted by how much of it
 * still lies within the last `windowSeconds` (a burst at 10:59 and another at 11:00 add up). Returns
 * the seconds to wait when over the limit, or 0.
 */
export async function hitRateLimit(
  db: Db,
  rule: RateLimitRule,
  key: string,
  now = new Date(),
): Promise<number> {
  return (await hitRateLimitState(db, rule, key, now)).wait;
}

/**
 * `hitRateLimit`, also saying what is left of the budget and when the window ends, for the API's
 * `RateLimit` header.
 */
export async function hitRateLimitState(
  db: Db,
  rule: RateLimitRule,
  key: string,
  now = new Date(),
): Promise<RateLimitState> {
  const hit = rateLimitHit(rule, key, now);
  // One round trip, on every limited request: this window's count, raised, and the previous one's.
  const counts = await sql<RateLimitCounts>`
    with ${hit.counted} select current, previous from rate_limit_counts`.execute(db);
  return hit.verdict(counts.rows[0] ?? { current: 1, previous: 0 });
}

export interface RateLimitCounts {
  current: number;
  previous: number;
}

export interface RateLimitState {
  /** Seconds to wait when over the limit, or 0. */
  wait: number;
  remaining: number;
  reset: number;
}

/**
 * A hit as SQL to open any statement with: `counted` is two common table expressions (no `with`),
 * raising this window's count and reading it with the previous one's into `rate_limit_counts` (one
 * row: `current`, `previous`); `verdict` says from that row whether the hit was over the limit. A
 * data-modifying CTE runs whatever the rest of the statement reads, so the hit is counted always.
 */
export function rateLimitHit(rule: RateLimitRule, key: string, now = new Date()) {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const counted = sql`rate_limit_hit as (
      insert into rate_limit_hits (bucket, key, window_start, hits)
      values (${rule.bucket}, ${key}, ${windowStart}, 1)
      on conflict (bucket, key, window_start) do update set hits = rate_limit_hits.hits + 1
      returning hits),
    rate_limit_counts as (
      select (select hits from rate_limit_hit) as current,
             coalesce((select hits from rate_limit_hits
                        where bucket = ${rule.bucket} and key = ${key}
                          and window_start = ${new Date(windowStart.getTime() - windowMs)}), 0) as previous)`;
  function verdict({ current, previous }: RateLimitCounts): RateLimitState {
    const elapsed = now.getTime() - windowStart.getTime();
    const used = current + previous * (1 - elapsed / windowMs);
    const remaining = Math.max(0, Math.floor(rule.limit - used));
    const reset = Math.ceil((windowMs - elapsed) / 1000);
    if (used <= rule.limit) return { wait: 0, remaining, reset };
    // When the estimate falls back to the limit: within this window as the previous one fades, or in the next.
    const waitMs =
      current <= rule.limit
        ? windowMs * (1 - (rule.limit - current) / previous) - elapsed
        : windowMs - elapsed + windowMs * (1 - rule.limit / current);
    return { wait: Math.max(1, Math.ceil(waitMs / 1000)), remaining: 0, reset };
  }
  return { counted, verdict };
}

/**
 * The sliding-window count of a key's hits, without adding one: for rules that count failures
 * (recorded with `hitRateLimit`) and act on their number rather than refuse.
 */
export async function recentHits(
  db: Db,
  rule: RateLimitRule,
  key: string,
  now = new Date(),
): Promise<number> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const previousStart = new Date(windowStart.getTime() - windowMs);
  const rows = await tablesOf<HttpTables>(db)
    .selectFrom('rate_limit_hits')
    .select(['window_start', 'hits'])
    .where('bucket', '=', rule.bucket)
    .where('key', '=', key)
    .where('window_start', 'in', [windowStart, previousStart])
    .execute();
  const hitsIn = (start: Date) =>
    rows.find((row) => row.window_start.getTime() === start.getTime())?.hits ?? 0;
  const elapsed = now.getTime() - windowStart.getTime();
  return hitsIn(windowStart) + hitsIn(previousStart) * (1 - elapsed / windowMs);
}

/**
 * Whose hits a route's limit counts: a logged-in person (or API client) has a bucket of their own, so
 * that an office or a commune behind one address does not share one; anonymous callers are counted
 * by address.
 */
export function rateLimitKey(actor: Actor | null, address: string): string {
  if (actor?.kind === 'person') return `person:${actor.id}`;
  if (actor?.kind === 'apiClient') return `api:${actor.id}`;
  return address;
}

export async function purgeOldRateLimitWindows(db: Db, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - 24 * 3_600_000);
  await tablesOf<HttpTables>(db).deleteFrom('rate_limit_hits').where('window_start', '<', cutoff).execute();
}
