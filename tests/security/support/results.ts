import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../../src/platform/database/database.ts';

/** Where every security suite leaves its figures, one JSON file per suite (git-ignored). */
export const resultsDir = path.join(import.meta.dirname, '../../../test-results/security');

/**
 * Writes a suite's figures for SECURITY.md and CI to read: what was checked, how many cells, how many
 * failed, how long it took. Written even when the suite fails, so that the file says where.
 */
export function writeResults(suite: string, figures: Record<string, unknown>): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, `${suite}.json`),
    `${JSON.stringify({ suite, at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  );
}

let forgetting: Promise<unknown> = Promise.resolve();

/**
 * Empties the rate limits' counts, one caller at a time: two deletes of every row running at once can
 * each wait for a row the other has locked (PostgreSQL then aborts one of them).
 */
export function forgetRateLimits(db: Db): Promise<unknown> {
  forgetting = forgetting.catch(() => undefined).then(() => sql`delete from rate_limit_hits`.execute(db));
  return forgetting;
}

/** Runs `work` on every item with at most `width` at a time: the suites' requests go in parallel. */
export async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}
