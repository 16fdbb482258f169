import { sql } from 'kysely';
import { type Db, tablesOf } from '../database/database.ts';
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
 * Counts a hit in a fixed window, in PostgreSQL so that every instance behind the load balancer
 * sees the same count. Returns the seconds to wait when over the limit, or 0.
 */
export async function hitRateLimit(
  db: Db,
  rule: RateLimitRule,
  key: string,
  now = new Date(),
): Promise<number> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await tablesOf<HttpTables>(db)
    .insertInto('rate_limit_hits')
    .values({ bucket: rule.bucket, key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'key', 'window_start']).doUpdateSet({ hits: sql`rate_limit_hits.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (row.hits <= rule.limit) return 0;
  return Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
}

export async function purgeOldRateLimitWindows(db: Db, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - 24 * 3_600_000);
  await tablesOf<HttpTables>(db).deleteFrom('rate_limit_hits').where('window_start', '<', cutoff).execute();
}
