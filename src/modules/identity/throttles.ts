import type { RateLimitRule } from '../../platform/http/rate-limit.ts';

/**
 * Login throttles, shared by every way of logging in so that one means cannot be used to go around
 * another's limit. Nothing here lets a stranger lock a person out (ASVS 6.3.1): the hard limits count
 * the caller's own address; failures on an account only slow its logins down, and not at all from a
 * browser where it logged in before (`login-device.ts`).
 */
export const loginPerAddress: RateLimitRule = { bucket: 'login-ip', limit: 30, windowSeconds: 900 };
/**
 * Wrong passwords for one account, from anywhere: counted, never refused (hence no limit); their
 * number sets the slow-down of `loginSlowdown`.
 */
export const loginFailuresPerAccount: RateLimitRule = {
  bucket: 'login-account-failures',
  limit: Number.POSITIVE_INFINITY,
  windowSeconds: 900,
};
/** Wrong passwords from one known browser: past the limit it is slowed down like any other. */
export const loginFailuresPerDevice: RateLimitRule = {
  bucket: 'login-device-failures',
  limit: 10,
  windowSeconds: 900,
};
/**
 * Second-factor codes, per credential — and per known browser, which has its own bucket so that
 * someone who has the password cannot block the owner's second factor.
 */
export const secondFactorPerCredential: RateLimitRule = {
  bucket: 'login-totp',
  limit: 5,
  windowSeconds: 300,
};
/** Starting and finishing a login at an external provider: each is one redirect, so a minute window. */
export const redirectLoginPerAddress: RateLimitRule = { bucket: 'login', limit: 30, windowSeconds: 60 };

/**
 * The progressive delay before a password is checked, from the account's recent failures: none for
 * the first few (typing mistakes), then doubling up to a ceiling. It is a delay, never a refusal.
 * `pause` is replaced by tests, which record the delays instead of waiting them.
 */
export const loginSlowdown = {
  freeFailures: 5,
  firstMs: 500,
  maxMs: 10_000,
  pause: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

export function slowdownMs(failures: number): number {
  // The sliding window weighs the previous window's failures: round, so a boundary changes nothing.
  const over = Math.round(failures) - loginSlowdown.freeFailures;
  return over < 0 ? 0 : Math.min(loginSlowdown.maxMs, loginSlowdown.firstMs * 2 ** over);
}
