/**
 * Whether a channel's refusal will be the same however often it is asked again, so that the delivery is
 * marked failed at once instead of being retried for days: an SMTP reply in the 5xx range (RFC 5321:
 * "permanent negative completion", e.g. 550 no such mailbox), or an HTTP gateway's 4xx (a malformed
 * number, a refused payload) — except 408, 425 and 429, which say "later". A connection that fails,
 * a time-out, an SMTP 4xx or an HTTP 5xx is an outage: retried.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, status } = error as { responseCode?: unknown; status?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600;
  if (typeof status === 'number') return status >= 400 && status < 500 && ![408, 425, 429].includes(status);
  return false;
}

/** An HTTP answer that is not the expected one, with its status for `isPermanentFailure`. */
export function httpStatusError(service: string, status: number): Error & { status: number } {
  return Object.assign(new Error(`${service} answered ${status}`), { status });
}
