import { identityPaths } from '../../platform/http/identity-paths.ts';
import type { RouteContext } from '../../platform/http/route.ts';
import { sessionAuth } from './session-login.ts';

/** How long after logging in a person may change how they are reached or log in, without logging in again. */
export const recentLoginMinutes = 10;

/**
 * ASVS 7.5.1: changing the e-mail address, the mobile number or a second factor asks for a login of
 * the last few minutes, so that an unattended or stolen session cannot take the account over. Returns
 * the redirect to the login page (back to `returnTo` afterwards) when the session's login is older.
 */
export function demandRecentLogin(c: RouteContext, now: Date, returnTo: string): Response | undefined {
  const auth = sessionAuth(c.var.session);
  const age = auth ? now.getTime() - Date.parse(auth.authTime) : Number.POSITIVE_INFINITY;
  if (age < recentLoginMinutes * 60_000) return undefined;
  return c.redirect(`${identityPaths.login}?${new URLSearchParams({ return: returnTo })}`, 303);
}
