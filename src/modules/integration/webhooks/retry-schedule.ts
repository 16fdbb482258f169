/**
 * When a delivery is tried again after its n-th failed attempt (Standard Webhooks' suggested curve):
 * at once, then 1 min, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h — the last attempt about 28 hours after
 * the event, so that a receiver down for a day still gets everything.
 */
export const retryDelaysSeconds = [60, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;

/** An endpoint that has failed every attempt for this long is disabled, and its authority alerted. */
export const disableAfterFailingMs = 3 * 24 * 3600 * 1000;

/** How long the receiver has to answer one attempt. */
export const requestTimeoutMs = 15_000;

/**
 * How long one attempt holds its delivery, so that no other worker tries it at the same time: its own
 * time-out and a margin to record the answer. An attempt cut by a crash is tried again once it lapses.
 */
export const attemptLeaseMs = requestTimeoutMs + 15_000;

/** The longest wait a receiver's `Retry-After` may ask for: the schedule's longest step. */
const longestDelayMs = Math.max(...retryDelaysSeconds) * 1000;

/**
 * A refusal that sending again cannot change (RFC 9110's 4xx), except time-outs and "too early / too
 * many" (408, 425, 429), which are the receiver's way of saying later.
 */
export function isPermanentRefusal(statusCode: number | null): boolean {
  return (
    statusCode !== null && statusCode >= 400 && statusCode < 500 && ![408, 425, 429].includes(statusCode)
  );
}

/**
 * The next attempt after `failedAttempts` failures, or null when there is none left. A 429 or 503 with
 * `Retry-After` waits at least what it asks, never longer than the schedule's longest step.
 */
export function nextAttemptAt(
  failedAttempts: number,
  now: Date,
  retryAfterMs: number | null = null,
): Date | null {
  const delay = retryDelaysSeconds[failedAttempts - 1];
  if (delay === undefined) return null;
  const wait = Math.max(delay * 1000, Math.min(retryAfterMs ?? 0, longestDelayMs));
  return new Date(now.getTime() + wait);
}

/** `Retry-After` (seconds or an HTTP date) of a 429 or 503, in milliseconds from `now`; null otherwise. */
export function retryAfterMs(statusCode: number, header: string | null, now: number): number | null {
  if ((statusCode !== 429 && statusCode !== 503) || !header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
