/**
 * Every background job the platform knows, with its payload: the one place where job names are
 * declared, as `module:verb-noun` (graphile-worker's crontab allows no dots). Modules register the
 * handlers; `enqueue` and the handlers are typed from this map.
 */
export interface JobPayloads {
  'platform:purge-expired': Record<string, never>;
  'audit:verify-chain': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** Periodic jobs (graphile-worker crontab syntax): minute hour day month weekday task. */
export const crontab = ['*/15 * * * * platform:purge-expired', '17 3 * * * audit:verify-chain'];
