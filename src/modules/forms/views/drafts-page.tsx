import { portalPaths } from '../../../platform/http/identity-paths.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { KeysetPagination } from '../../../platform/views/components/pagination.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { draftsMessages } from '../drafts-messages.ts';
import type { DraftOnPage } from '../drafts-page.ts';
import { deleteDraftPath } from './delete-draft-page.tsx';
import { draftPath } from './runner-pages.tsx';

/** Every unfinished draft of the account in use, a page at a time. */
export const allDraftsPath = '/forms/drafts';

export function DraftsPage(props: {
  locale: Locale;
  drafts: DraftOnPage[];
  hasBefore: boolean;
  hasAfter: boolean;
  /** Just back from deleting one. */
  deleted?: boolean;
}) {
  const t = draftsMessages.translator(props.locale);
  const titleOf = (draft: DraftOnPage) =>
    draft.title ? pick(draft.title, props.locale) : t('draftUntitled');
  return (
    <>
      {props.deleted && <NotificationBanner kind="success">{t('deleted')}</NotificationBanner>}
      <h1>{t('allDraftsTitle')}</h1>
      {props.drafts.length === 0 ? (
        <>
          <p>{t('allDraftsNone')}</p>
          <p>
            <a href={portalPaths.services}>{t('allDraftsStart')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('allDraftsLead')}</p>
          <Table
            caption={t('allDraftsTitle')}
            captionHidden
            head={[t('draftForm'), t('draftChanged'), t('draftAction')]}
            rows={props.drafts.map((draft) => {
              // Drafts of one form share a title: the date tells their links apart.
              const named = {
                title: titleOf(draft),
                changed: formatDateTime(props.locale, new Date(draft.updatedAt)),
              };
              return [
                named.title,
                named.changed,
                <div class="button-group">
                  <a href={draftPath(draft.id)} aria-label={t('draftContinueLabel', named)}>
                    {t('draftContinue')}
                  </a>
                  <a href={deleteDraftPath(draft.id)} aria-label={t('draftDeleteLabel', named)}>
                    {t('draftDelete')}
                  </a>
                </div>,
              ];
            })}
          />
        </>
      )}
      <KeysetPagination
        path={allDraftsPath}
        first={props.drafts[0]?.id}
        last={props.drafts.at(-1)?.id}
        hasBefore={props.hasBefore}
        hasAfter={props.hasAfter}
      />
      <p>
        <a href={portalPaths.mySpace}>{t('allDraftsBack')}</a>
      </p>
    </>
  );
}
