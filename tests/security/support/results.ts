import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
