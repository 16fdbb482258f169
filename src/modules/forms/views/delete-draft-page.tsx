import { formatDateTime } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { ConfirmAction } from '../../../platform/views/components/confirm-action.tsx';
import { draftsMessages } from '../drafts-messages.ts';
import type { DraftOnPage } from '../drafts-page.ts';
import { allDraftsPath } from './drafts-page.tsx';

/** The confirmation before a draft is deleted, and where its form posts. */
export const deleteDraftPath = (draftId: string) => `/forms/drafts/${draftId}/delete`;

export function DeleteDraftPage(props: { locale: Locale; draft: DraftOnPage }) {
  const t = draftsMessages.translator(props.locale);
  const title = props.draft.title ? pick(props.draft.title, props.locale) : t('draftUntitled');
  const changed = formatDateTime(props.locale, new Date(props.draft.updatedAt));
  return (
    <ConfirmAction
      title={t('deleteTitle')}
      consequences={[t('deleteWhich', { title, changed }), t('deleteConsequence')]}
      action={deleteDraftPath(props.draft.id)}
      confirmLabel={t('deleteConfirm')}
      cancelHref={allDraftsPath}
      cancelLabel={t('deleteCancel')}
    />
  );
}
