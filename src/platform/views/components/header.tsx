import { usePage } from '../page-context.ts';
import { LanguageSwitch } from './language-switch.tsx';

export interface NavItem {
  label: string;
  href: string;
  current?: boolean;
}

/** The authority's logo and name, the language switch, who is logged in, and the main navigation. */
export function Header(props: { navigation: NavItem[] }) {
  const { branding, t, actorName } = usePage();
  return (
    <header class="header">
      <div class="header__bar container">
        <a class="header__brand" href={branding.homePath}>
          {branding.logoUrl && (
            <img class="header__logo" src={branding.logoUrl} alt="" width="40" height="48" />
          )}
          <span class="header__name">{branding.name}</span>
        </a>
        <div class="header__tools">
          {actorName && <span class="header__actor">{actorName}</span>}
          <LanguageSwitch />
        </div>
      </div>
      <nav class="header__nav" aria-label={t('mainNavigation')}>
        <ul class="header__nav-list container">
          {props.navigation.map((item) => (
            <li>
              <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
