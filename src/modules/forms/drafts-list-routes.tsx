import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { can } from '../policy/index.ts';
import { draftsMessages } from './drafts-messages.ts';
import { draftsPageVisibleTo } from './drafts-page.ts';
import { allDraftsPath, DraftsPage } from './views/drafts-page.tsx';

/** Drafts on one page of the list: "my space" shows ten, the list a few more. */
const draftsPageSize = 20;

/** Every unfinished draft of the person in the account in use, beyond the ten "my space" shows. */
export function draftsListRoutes(platform: Platform): RouteDef[] {
  return [
    {
      method: 'GET',
      path: allDraftsPath,
      access: 'person',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        // The account in use, as the session names it: one whose mandate has ended since shows nothing.
        const account = { type: 'account' as const, accountId: actor.account.id };
        if (!(await can(platform.db, actor, 'account.use', account)).allowed) throw notFound();
        const { items, hasBefore, hasAfter } = await draftsPageVisibleTo(platform.db, actor, {
          after: c.req.query('after'),
          before: c.req.query('before'),
          size: draftsPageSize,
        });
        return platform.render(
          c,
          { title: draftsMessages.translator(c.var.locale)('allDraftsTitle') },
          <DraftsPage
            locale={c.var.locale}
            drafts={items}
            hasBefore={hasBefore}
            hasAfter={hasAfter}
            deleted={c.req.query('deleted') === '1'}
          />,
        );
      },
    },
  ];
}
