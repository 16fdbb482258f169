import type { RouteDef } from './route.ts';
import type { Session } from './session.ts';

export const keepAlivePath = '/session/keep-alive';

/** What a logged-in page tells its time-out warning (seconds from now, as the server counts them). */
export interface SessionTimeLeft {
  idleSeconds: number;
  absoluteSeconds: number;
}

export function sessionTimeLeft(session: Session): SessionTimeLeft | undefined {
  const idle = session.idleEndsAt();
  const absolute = session.absoluteEndsAt();
  if (!idle || !absolute) return undefined;
  const seconds = (at: Date) => Math.max(0, Math.floor((at.getTime() - session.now.getTime()) / 1000));
  return { idleSeconds: seconds(idle), absoluteSeconds: seconds(absolute) };
}

/**
 * "Stay logged in" (WCAG 2.2.1): counts as activity, as any request would, and says the time left.
 * A state-changing route, so CSRF-checked (the `X-CSRF-Token` header) and rate-limited by the router;
 * a timed-out session is anonymous by then and gets 401.
 */
export const keepAliveRoute: RouteDef = {
  method: 'POST',
  path: keepAlivePath,
  access: 'person',
  rateLimit: { bucket: 'keep-alive', limit: 10, windowSeconds: 60 },
  handler(c) {
    const session = c.var.session;
    session.touch();
    return c.json(sessionTimeLeft(session) ?? null);
  },
};
