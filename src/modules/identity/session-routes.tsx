import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { endSessionsOf, listSessionsOf } from '../../platform/http/session.ts';
import type { Platform } from '../../platform/module.ts';
import { identityMessages } from './messages.ts';
import { SessionsPage } from './views/sessions-page.tsx';

/** "My sessions": every device the person is logged in on, and logging out of them from here. */
export function sessionRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const personId = (c: RouteContext) => loggedInPerson(c).id;
  const ended = async (c: RouteContext, which: Parameters<typeof endSessionsOf>[2]) => {
    const count = await endSessionsOf(db, personId(c), which);
    return c.redirect(`/profile/sessions?ended=${count}`, 303);
  };
  return [
    {
      method: 'GET',
      path: '/profile/sessions',
      access: 'person',
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        const count = c.req.query('ended');
        return platform.render(
          c,
          { title: t('sessionsTitle') },
          <SessionsPage
            locale={c.var.locale}
            sessions={await listSessionsOf(db, personId(c), platform.now())}
            current={c.var.session.handle}
            ended={count === undefined ? undefined : Number(count) || 0}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/profile/sessions/end',
      access: 'person',
      async handler(c) {
        const handle = String((await c.req.parseBody()).session ?? '');
        if (handle === c.var.session.handle) throw notFound(); // this one ends with "log out"
        return ended(c, { handle });
      },
    },
    {
      method: 'POST',
      path: '/profile/sessions/end-others',
      access: 'person',
      handler: (c) => ended(c, { allBut: c.var.session.handle }),
    },
  ];
}
