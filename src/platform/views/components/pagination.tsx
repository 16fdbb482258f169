import { usePage } from '../page-context.ts';

export function Pagination(props: { page: number; pages: number; href: (page: number) => string }) {
  const { t } = usePage();
  if (props.pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={t('pagination')}>
      {props.page > 1 && (
        <a class="pagination__link" href={props.href(props.page - 1)} rel="prev">
          {t('previous')}
        </a>
      )}
      <span class="pagination__status">{t('pageOf', { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages && (
        <a class="pagination__link" href={props.href(props.page + 1)} rel="next">
          {t('next')}
        </a>
      )}
    </nav>
  );
}

/**
 * The links around a keyset page (`keysetPage`): the page before the first row shown, the page after
 * the last, by their ids. Plain links, so they work without JavaScript.
 */
export function KeysetPagination(props: {
  path: string;
  first: string | undefined;
  last: string | undefined;
  hasBefore: boolean;
  hasAfter: boolean;
}) {
  const { t } = usePage();
  const before = props.hasBefore && props.first;
  const after = props.hasAfter && props.last;
  if (!before && !after) return null;
  return (
    <nav class="pagination" aria-label={t('pagination')}>
      {before && (
        <a class="pagination__link" href={`${props.path}?before=${encodeURIComponent(before)}`} rel="prev">
          {t('previous')}
        </a>
      )}
      {after && (
        <a class="pagination__link" href={`${props.path}?after=${encodeURIComponent(after)}`} rel="next">
          {t('next')}
        </a>
      )}
    </nav>
  );
}

export const paginationExamples = [
  () => <Pagination page={2} pages={5} href={(page) => `?page=${page}`} />,
  () => <KeysetPagination path="/forms/drafts" first="a" last="b" hasBefore={true} hasAfter={true} />,
];
