import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { backOfficeDesks } from './back-office-desks.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import { BackOfficePage } from './views/back-office-page.tsx';

/** Where staff start: the header's "Back office" leads here. */
export const backOfficeHome = '/back-office';

/** The back office's home: the person's authorities, their queues with counts, their tools. */
export function backOfficeRoutes(platform: Platform): RouteDef[] {
  return [
    {
      method: 'GET',
      path: backOfficeHome,
      access: 'staff',
      object: { none: 'lists the actor’s own authorities only, each queue and tool asked of can()' },
      async handler(c) {
        const { desks, tools } = await backOfficeDesks(
          platform.db,
          loggedInPerson(c),
          c.var.locale,
          platform.backOfficeTools(),
        );
        return platform.render(
          c,
          { title: backOfficeMessages.translator(c.var.locale)('homeTitle') },
          <BackOfficePage locale={c.var.locale} desks={desks} tools={tools} />,
        );
      },
    },
  ];
}
