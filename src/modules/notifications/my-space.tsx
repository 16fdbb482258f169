import type { PersonActor } from '../../platform/http/access.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { notificationMessages } from './messages.ts';
import { countUnread, listNotifications } from './outbox.ts';
import { NotificationList } from './views/notifications-page.tsx';

/** The latest notifications of the account in use; elsewhere, how many are unread. */
export function notificationsMySpace(platform: Platform): MySpaceSection {
  return {
    order: 10,
    async render(c, actor: PersonActor) {
      const t = notificationMessages.translator(c.var.locale);
      const rows = (await listNotifications(platform.db, actor.id, actor.account.id, 5)).map((row) => ({
        ...row,
        authorityName: '',
      }));
      const unread = await countUnread(platform.db, actor.id, actor.account.id);
      return (
        <section class="my-space__section" aria-labelledby="my-notifications">
          <h2 id="my-notifications">{t('listTitle')}</h2>
          <p>{t('unreadCount', { count: unread })}</p>
          <NotificationList locale={c.var.locale} rows={rows} />
          <p>
            <a href="/notifications">{t('allNotifications')}</a>
          </p>
        </section>
      );
    },
    awaiting: (personId, accountId) => countUnread(platform.db, personId, accountId),
  };
}
