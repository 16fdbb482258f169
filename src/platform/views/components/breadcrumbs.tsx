import { usePage } from '../page-context.ts';

export interface Crumb {
  label: string;
  href?: string;
}

/**
 * The way back up: each crumb with an address is a link. Pages name their parents only (the heading
 * names the page), so a crumb is the current page only when it has no address.
 */
export function Breadcrumbs(props: { items: Crumb[] }) {
  const { t } = usePage();
  if (props.items.length === 0) return null;
  return (
    <nav class="breadcrumbs" aria-label={t('breadcrumbs')}>
      <ol class="breadcrumbs__list">
        {props.items.map((item) =>
          item.href ? (
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
