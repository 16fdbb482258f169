import { sql } from 'kysely';
import type { Db } from '../database/database.ts';
import type { JobName, JobPayloads } from './job-names.ts';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Replaces a pending job with the same key instead of adding a second one. */
  jobKey?: string;
}

/**
 * The call that adds a job, for a statement of the caller's own (e.g. the `select` of an
 * `insert … returning`, so that the job is added for each row the insert made and with no round trip
 * of its own); it returns the job's row.
 */
export function addJobCall<Name extends JobName>(
  name: Name,
  payload: JobPayloads[Name],
  options: EnqueueOptions = {},
) {
  return sql<unknown>`graphile_worker.add_job(
      ${name}, ${JSON.stringify(payload)}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? 25}::int,
      job_key => ${options.jobKey ?? null}::text)`;
}

/**
 * Adds a job in the caller's transaction: if the transaction rolls back, the job never existed, and
 * once it commits the job cannot be lost (this is our outbox).
 */
export async function enqueue<Name extends JobName>(
  db: Db,
  name: Name,
  payload: JobPayloads[Name],
  options: EnqueueOptions = {},
): Promise<string> {
  const result = await sql<{
    id: string;
  }>`select id::text from ${addJobCall(name, payload, options)}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`graphile_worker.add_job returned nothing for ${name}`);
  return row.id;
}
