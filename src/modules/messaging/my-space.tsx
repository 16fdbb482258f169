import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { messagingMessages } from './messages.ts';
import { readerOf } from './reader.ts';
import { countUnread } from './threads.ts';

/** How many threads have unread messages from an authority, in the account in use. */
export function messagingMySpace(platform: Platform): MySpaceSection {
  return {
    order: 30,
    async render(c, actor) {
      const t = messagingMessages.translator(c.var.locale);
      const reader = await readerOf(platform.db, actor);
      const unread = reader ? await countUnread(platform.db, reader) : 0;
      return (
        <section class="my-space__section" aria-labelledby="my-messages">
          <h2 id="my-messages">{t('inboxTitle')}</h2>
          <p>{t('unreadCount', { count: unread })}</p>
          <p>
            <a href="/messages">{t('allMessages')}</a>
          </p>
        </section>
      );
    },
    awaiting: (_personId, accountId) => countUnread(platform.db, { accountId }),
  };
}
