import { establishLogin } from '../../../src/modules/identity/session-login.ts';
import { Session, sessionCookieName } from '../../../src/platform/http/session.ts';
import type { ActorName, Cast } from './cast.ts';

/**
 * A session where `actor` logged in just now, on the platform's clock, with its CSRF token: the
 * cast's people are chosen by a header and have no login of their own, so the routes that ask for a
 * recent one (ASVS 7.5.1) are called with this. A session per call: a route that rotates it (a new
 * account in use) leaves the others theirs.
 */
export async function recentLogin(cast: Cast, actor: ActorName): Promise<{ cookie: string; csrf: string }> {
  const person = cast.people[actor];
  if (!person) throw new Error(`${actor} is not a person: nothing to log in`);
  const { db, config, secrets } = cast.testApp.platform;
  const now = cast.testApp.platform.now();
  const session = Session.fresh(now);
  establishLogin(
    session,
    { personId: person.id, level: person.level, provider: 'test', linkId: 'security-matrix' },
    person.account.id,
    'security matrix',
  );
  await session.save(
    db,
    { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours },
    now,
  );
  return {
    cookie: `${sessionCookieName(config.publicUrl.startsWith('https://'))}=${session.cookieValue}`,
    csrf: session.csrfToken(secrets),
  };
}
