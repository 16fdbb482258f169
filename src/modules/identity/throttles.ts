import type { RateLimitRule } from '../../platform/http/rate-limit.ts';

/**
 * Login throttles, shared by every way of logging in so that one means cannot be used to go around
 * another's limit: per address, per account, and per second factor.
 */
export const loginPerAddress: RateLimitRule = { bucket: 'login-ip', limit: 30, windowSeconds: 900 };
/** Per account, whatever the address: slows guessing one person's password from many machines. */
export const loginPerAccount: RateLimitRule = { bucket: 'login-account', limit: 10, windowSeconds: 900 };
export const secondFactorPerCredential: RateLimitRule = {
  bucket: 'login-totp',
  limit: 5,
  windowSeconds: 300,
};
/** Starting and finishing a login at an external provider: each is one redirect, so a minute window. */
export const redirectLoginPerAddress: RateLimitRule = { bucket: 'login', limit: 30, windowSeconds: 60 };
