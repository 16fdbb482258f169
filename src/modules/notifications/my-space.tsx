import { sql } from 'kysely';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { notificationMessages } from './messages.ts';
import { countUnread } from './outbox.ts';
import { NotificationList, type NotificationRow } from './views/notifications-page.tsx';

/** The latest notifications of the account in use; elsewhere, how many are unread. */
export function notificationsMySpace(platform: Platform): MySpaceSection {
  return {
    order: 10,
    // The unread count and the five latest, as one JSON value read with the other sections'.
    summary: (actor) => sql`select json_build_object(
        'unread', (select count(*) from notifications
          where person_id = ${actor.id} and account_id = ${actor.account.id} and read_at is null),
        'latest', (select coalesce(json_agg(n), '[]') from (
          select id, event, link, reference, created_at as "createdAt", read_at as "readAt" from notifications
          where person_id = ${actor.id} and account_id = ${actor.account.id}
          order by created_at desc limit 5) n))`,
    awaitingSummary: (personId, accountId) => sql`select count(*) from notifications
        where person_id = ${personId} and account_id = ${accountId} and read_at is null`,
    async render(c, _actor, summary) {
      const t = notificationMessages.translator(c.var.locale);
      const { unread, latest } = summary as Summary;
      const rows = latest.map((row) => ({
        ...row,
        authorityName: '',
        createdAt: new Date(row.createdAt),
        readAt: row.readAt ? new Date(row.readAt) : null,
      }));
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
    awaiting: async (actor, summary) =>
      summary === undefined ? countUnread(platform.db, actor.id, actor.account.id) : Number(summary),
  };
}

type Summary = {
  unread: number;
  latest: (Omit<NotificationRow, 'authorityName' | 'createdAt' | 'readAt'> & {
    createdAt: string;
    readAt: string | null;
  })[];
};
