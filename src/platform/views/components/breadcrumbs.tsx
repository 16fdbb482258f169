import { usePage } from '../page-context.ts';

export interface Crumb {
  label: string;
  href?: string;
}

/** The last crumb is the current page and is not a link. */
export function Breadcrumbs(props: { items: Crumb[] }) {
  const { t } = usePage();
  if (props.items.length === 0) return null;
  return (
    <nav class="breadcrumbs" aria-label={t('breadcrumbs')}>
      <ol class="breadcrumbs__list">
        {props.items.map((item, index) =>
          index < props.items.length - 1 && item.href ? (
            <li>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li aria-current="page">{item.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

export const breadcrumbsExamples = [
  () => (
    <Breadcrumbs
      items={[
        { label: 'Accueil', href: '/' },
        { label: 'Sion', href: '/communes/sion' },
        { label: 'Services' },
      ]}
    />
  ),
];
