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
    // In an account they act for, a representative reads only the threads of their mandate.
    awaitingSummary: (_personId, accountId) => unreadThreadsSummary(accountId),
    async awaiting(actor, summary) {
      if (summary !== undefined && !actor.mandate) return Number(summary);
      const reader = await readerOf(platform.db, actor);
      return reader ? countUnread(platform.db, reader) : 0;
    },
  };
}
