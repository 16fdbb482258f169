import { sql } from 'kysely';
import type { PersonActor } from '../../platform/http/access.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { unreadSummary, visibleDocuments } from './documents.ts';
import { documentMessages } from './messages.ts';
import { documentPath } from './views/citizen-pages.tsx';

/**
 * The documents of the account in use the person has not opened (under a mandate: of the themes it
 * covers); another's reading, a representative's or the holder's, does not count for them.
 */
export function documentsMySpace(platform: Platform): MySpaceSection {
  const unread = async (actor: PersonActor): Promise<Unread> => {
    const documents = (await visibleDocuments(platform.db, actor)).filter((d) => !d.read_at);
    return { count: documents.length, latest: documents.slice(0, 5) };
  };
  return {
    order: 20,
    // Under a mandate the policy picks the themes first: that section reads its own.
    summary: (actor) => (actor.mandate ? null : unreadSummary(platform.db, actor.account.id, actor.id)),
    async render(c, actor, summary) {
      const t = documentMessages.translator(c.var.locale);
      const { count, latest } = (summary as Unread | undefined) ?? (await unread(actor));
      return (
        <section class="my-space__section" aria-labelledby="my-documents">
          <h2 id="my-documents">{t('documentsTitle')}</h2>
          <p>{t('newDocuments', { count })}</p>
          {latest.length > 0 && (
            <ul class="plain-list">
              {latest.map((d) => (
                <li>
                  <a href={documentPath(d.id)}>{d.title}</a>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/documents">{t('allDocuments')}</a>
          </p>
        </section>
      );
    },
    // For another account the person holds or belongs to: its unread documents; for one they act
    // for, those of the themes their mandate covers, as the section counts them there.
    awaitingSummary: (personId, accountId) =>
      sql`select (${unreadSummary(platform.db, accountId, personId)})->'count'`,
    async awaiting(actor, summary) {
      if (summary !== undefined && !actor.mandate) return Number(summary);
      return (await unread(actor)).count;
    },
  };
}

type Unread = { count: number; latest: { id: string; title: string }[] };
