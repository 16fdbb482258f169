import { identityPaths } from '../../http/identity-paths.ts';
import { usePage } from '../page-context.ts';
import { LanguageSwitch } from './language-switch.tsx';

export interface NavItem {
  label: string;
  href: string;
  current?: boolean;
}

/**
 * The authority's logo and name, the language switch, and who is logged in with which account —
 * always visible, so that nobody acts in the wrong account by mistake — then the main navigation.
 */
export function Header(props: { navigation: NavItem[] }) {
  const { branding, t, actor, csrfToken } = usePage();
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
          <LanguageSwitch />
          {actor ? (
            <div class="header__account">
              <a href={identityPaths.accounts}>
                <span class="header__actor">{actor.name}</span>
                <span class="header__account-name">
                  {actor.underMandate
                    ? t('actingFor', { name: actor.accountName })
                    : t(actor.professional ? 'accountProfessional' : 'accountPersonal', {
                        name: actor.accountName,
                      })}
                </span>
              </a>
              <form method="post" action={identityPaths.logout}>
                <input type="hidden" name="_csrf" value={csrfToken()} />
                <button type="submit" class="header__logout">
                  {t('logout')}
                </button>
              </form>
            </div>
          ) : (
            <a href={identityPaths.login}>{t('login')}</a>
          )}
        </div>
      </div>
      {actor?.underMandate && (
        <p class="acting-banner">
          <span class="container">{t('actingBanner', { name: actor.accountName, person: actor.name })}</span>
        </p>
      )}
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
