/**
 * When a delivery is tried again after its n-th failed attempt (Standard Webhooks' suggested curve):
 * at once, then 1 min, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h — the last attempt about 28 hours after
 * the event, so that a receiver down for a day still gets everything.
 */
export const retryDelaysSeconds = [60, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;

/** An endpoint that has failed every attempt for this long is disabled, and its authority alerted. */
export const disableAfterFailingMs = 3 * 24 * 3600 * 1000;

/** How long one attempt holds its delivery, so that no other worker tries it at the same time. */
export const attemptLeaseMs = 2 * 60 * 1000;

/** The next attempt after `failedAttempts` failures, or null when there is none left. */
export function nextAttemptAt(failedAttempts: number, now: Date): Date | null {
  const delay = retryDelaysSeconds[failedAttempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay * 1000);
}
