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

export const paginationExamples = [() => <Pagination page={2} pages={5} href={(page) => `?page=${page}`} />];
