import { colon, formatDateTime } from '../../platform/i18n/format.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { listDrafts } from './drafts.ts';
import { getForm, getVersion } from './forms.ts';
import { formMessages } from './messages.ts';
import { draftPath } from './views/runner-pages.tsx';

/** The drafts in progress in the account in use, to resume where they were left. */
export function formsMySpace(platform: Platform): MySpaceSection {
  return {
    order: 5,
    async render(c, actor) {
      const t = formMessages.translator(c.var.locale);
      const drafts = await listDrafts(platform.db, actor.account.id, actor.id);
      const rows = await Promise.all(
        drafts.slice(0, 10).map(async (draft) => {
          const form = await getForm(platform.db, draft.formId);
          const version = form && (await getVersion(platform.db, form, draft.version));
          return { draft, title: version ? pick(version.definition.title, c.var.locale) : '' };
        }),
      );
      return (
        <section class="my-space__section" aria-labelledby="my-drafts">
          <h2 id="my-drafts">{t('draftsTitle')}</h2>
          {rows.length === 0 ? (
            <p>{t('draftsNone')}</p>
          ) : (
            <ul class="plain-list">
              {rows.map(({ draft, title }) => (
                <li>
                  <a href={draftPath(draft.id)}>
                    {t('resume')}
                    {colon(c.var.locale)} {title}
                  </a>{' '}
                  <span class="service-list__meta">{formatDateTime(c.var.locale, draft.updatedAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      );
    },
    async awaiting(personId, accountId) {
      return (await listDrafts(platform.db, accountId, personId)).length;
    },
  };
}
