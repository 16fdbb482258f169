import { sql } from 'kysely';
import type { PersonActor } from '../../platform/http/access.ts';
import { colon, formatDateTime } from '../../platform/i18n/format.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import type { MandateTheme } from '../mandates/index.ts';
import { can } from '../policy/index.ts';
import { draftsMessages } from './drafts-messages.ts';
import { formMessages } from './messages.ts';
import { type DraftsSummary, draftCount, draftsShown, draftsSummary } from './my-space-summary.ts';
import { allDraftsPath } from './views/drafts-page.tsx';
import { draftPath } from './views/runner-pages.tsx';

/** The drafts in progress in the account in use, to resume where they were left. */
export function formsMySpace(platform: Platform): MySpaceSection {
  return {
    order: 5,
    summary: (actor) => draftsSummary(actor.account.id, actor.id),
    async render(c, actor, summary) {
      const t = formMessages.translator(c.var.locale);
      const { rows, total } = await draftsVisibleTo(platform, actor, summary as DraftsSummary);
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
    // Another account's drafts: all of them in an account of the person's; in one they act for, those
    // the policy lets them go on with there (a mandate may have lost a theme since).
    awaitingSummary: (personId, accountId) => draftCount(accountId, personId),
    async awaiting(actor, summary) {
      if (summary !== undefined && !actor.mandate) return Number(summary);
      const { rows } = await sql<{ summary: DraftsSummary }>`select (${draftsSummary(
        actor.account.id,
        actor.id,
      )}) as summary`.execute(platform.db);
      return rows[0] ? (await draftsVisibleTo(platform, actor, rows[0].summary)).total : 0;
    },
  };
}

/**
 * The drafts the policy lets the person go on with (`draft.fillIn`, as the drafts page asks per draft):
 * a representative whose mandate no longer reaches a theme sees its drafts neither here nor there.
 * One decision per theme (a draft's decision reads nothing else of it); for the account's own people
 * it reads nothing, under a mandate it reads the mandates as the drafts page does.
 */
async function draftsVisibleTo(platform: Platform, actor: PersonActor, summary: DraftsSummary) {
  const allowed = new Map<MandateTheme | null, boolean>();
  for (const { theme } of summary.byTheme) {
    const resource = {
      type: 'draft' as const,
      accountId: actor.account.id,
      personId: actor.id,
      theme: theme ?? undefined,
    };
    allowed.set(theme, (await can(platform.db, actor, 'draft.fillIn', resource)).allowed);
  }
  return {
    rows: summary.drafts.filter((draft) => allowed.get(draft.theme)).slice(0, draftsShown),
    total: summary.byTheme.reduce((sum, { theme, n }) => sum + (allowed.get(theme) ? n : 0), 0),
  };
}
