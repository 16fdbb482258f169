import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { messagingMessages } from './messages.ts';
import { readerOf } from './reader.ts';
import { countUnread, unreadThreadsSummary } from './threads.ts';

/** How many threads have unread messages from an authority, in the account in use. */
export function messagingMySpace(platform: Platform): MySpaceSection {
  return {
    order: 30,
    // Read with the other sections for the account's own people; a representative's threads are
    // those of their mandate, read on their own.
    summary: (actor) => (actor.mandate ? null : unreadThreadsSummary(actor.account.id)),
    async render(c, actor, summary) {
      const t = messagingMessages.translator(c.var.locale);
      // The policy still decides which threads the person reads (for the account's people: no query).
      const reader = await readerOf(platform.db, actor);
      const unread = !reader
        ? 0
        : !reader.mandateId && summary !== undefined
          ? Number(summary)
          : await countUnread(platform.db, reader);
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
    awaitingSummary: (_personId, accountId) => unreadThreadsSummary(accountId),
    awaiting: async (_personId, accountId, summary) =>
      summary === undefined ? countUnread(platform.db, { accountId }) : Number(summary),
  };
}
