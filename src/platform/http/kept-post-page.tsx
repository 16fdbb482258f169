import { masterKeysFor } from '../crypto/master-keys.ts';
import type { Platform } from '../module.ts';
import { readFieldsOnly } from '../uploads/read-fields-only.ts';
import { sessionMessages } from '../views/session-messages.ts';
import { keepPost, keptPostMinutes } from './kept-posts.ts';
import type { RouteContext } from './route.ts';

/** Thrown by the router once a post after a time-out is kept: answered with `sessionEndedPage`. */
export class SessionEnded extends Error {
  constructor(
    readonly returnTo: string,
    readonly hadFiles: boolean,
  ) {
    super('session ended');
  }
}

/**
 * Keeps what a post carried for the person whose session timed out (not applying it: they must log
 * in again), and says where they go back to once logged in.
 */
export async function keepAfterTimeout(
  c: RouteContext,
  platform: Platform,
  subject: string,
  returnTo: string,
): Promise<SessionEnded> {
  const post = await readFieldsOnly(c);
  const keys = await masterKeysFor(platform.config, platform.db);
  await keepPost(platform.db, keys, { subject, action: c.req.path, post, now: platform.now() });
  c.var.log.info({ route: c.req.routePath }, 'post kept after session time-out');
  return new SessionEnded(returnTo, post.fileFields.length > 0);
}

/** "Your session ended; log in again to continue — what you entered is kept." */
export function sessionEndedPage(
  c: RouteContext,
  platform: Platform,
  ended: SessionEnded,
  loginPath: string,
): Promise<Response> {
  const t = sessionMessages.translator(c.var.locale);
  const login = `${loginPath}?${new URLSearchParams({ return: ended.returnTo })}`;
  return platform.render(
    c,
    { title: t('endedTitle'), status: 401 },
    <>
      <h1>{t('endedTitle')}</h1>
      <p>{t('endedBody')}</p>
      {ended.hadFiles && <p>{t('endedFiles')}</p>}
      <p>{t('endedKeptFor', { minutes: keptPostMinutes })}</p>
      <p>
        <a class="button button--primary" href={login}>
          {t('logInAgain')}
        </a>
      </p>
    </>,
  );
}
