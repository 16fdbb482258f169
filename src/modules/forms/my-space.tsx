import { colon, formatDateTime } from '../../platform/i18n/format.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { listDrafts } from './drafts.ts';
import { draftsMessages } from './drafts-messages.ts';
import { formMessages } from './messages.ts';
import { type DraftsSummary, draftCount, draftsSummary } from './my-space-summary.ts';
import { allDraftsPath } from './views/drafts-page.tsx';
import { draftPath } from './views/runner-pages.tsx';

/** The drafts in progress in the account in use, to resume where they were left. */
export function formsMySpace(platform: Platform): MySpaceSection {
  return {
    order: 5,
    summary: (actor) => draftsSummary(actor.account.id, actor.id),
    async render(c, _actor, summary) {
      const t = formMessages.translator(c.var.locale);
      const { drafts: rows, total } = summary as DraftsSummary;
      return (
        <section class="my-space__section" aria-labelledby="my-drafts">
          <h2 id="my-drafts">{t('draftsTitle')}</h2>
          {rows.length === 0 ? (
            <p>{t('draftsNone')}</p>
          ) : (
            <ul class="plain-list">
              {rows.map((draft) => (
                <li>
                  <a href={draftPath(draft.id)}>
                    {t('resume')}
                    {colon(c.var.locale)} {draft.title ? pick(draft.title, c.var.locale) : ''}
                  </a>{' '}
                  <span class="service-list__meta">
                    {formatDateTime(c.var.locale, new Date(draft.updatedAt))}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {total > rows.length && (
            <p>
              <a href={allDraftsPath}>
                {draftsMessages.translator(c.var.locale)('seeAllDrafts', { count: total })}
              </a>
            </p>
          )}
        </section>
      );
    },
    awaitingSummary: (personId, accountId) => draftCount(accountId, personId),
    async awaiting(personId, accountId, summary) {
      if (summary !== undefined) return Number(summary);
      return (await listDrafts(platform.db, accountId, personId)).length;
    },
  };
}
