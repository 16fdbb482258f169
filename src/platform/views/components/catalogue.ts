import type { Child } from 'hono/jsx';
import { breadcrumbsExamples } from './breadcrumbs.tsx';
import { buttonExamples } from './button.tsx';
import { confirmActionExamples } from './confirm-action.tsx';
import { errorSummaryExamples } from './error-summary.tsx';
import { fieldFrameExamples } from './field-frame.tsx';
import { inLanguageExamples } from './in-language.tsx';
import { keptPostNoticeExamples } from './kept-post-notice.tsx';
import { keptWholeExamples } from './kept-whole.tsx';
import { notificationBannerExamples } from './notification-banner.tsx';
import { paginationExamples } from './pagination.tsx';
import { summaryListExamples } from './summary-list.tsx';
import { tableExamples } from './table.tsx';
import { tagExamples } from './tag.tsx';
import { textInputExamples } from './text-input.tsx';
import { translationsExamples } from './translations.tsx';

/**
 * Every shared component with its examples (the header, language switch and footer are on every
 * page already): rendered on /components, unit-tested, axe-checked.
 */
export const componentCatalogue: Record<string, (() => Child)[]> = {
  Breadcrumbs: breadcrumbsExamples,
  TextInput: textInputExamples,
  FieldFrame: fieldFrameExamples,
  ErrorSummary: errorSummaryExamples,
  NotificationBanner: notificationBannerExamples,
  Table: tableExamples,
  Tag: tagExamples,
  Pagination: paginationExamples,
  Button: buttonExamples,
  ConfirmAction: confirmActionExamples,
  Translations: translationsExamples,
  SummaryList: summaryListExamples,
  InLanguage: inLanguageExamples,
  KeptWhole: keptWholeExamples,
  KeptPostNotice: keptPostNoticeExamples,
};
