import { locales } from '../../i18n/locales.ts';
import { usePage } from '../page-context.ts';

const names = { fr: 'Français', de: 'Deutsch', en: 'English' } as const;

/** Plain links (`?lang=de`): they work without JavaScript and each language has its own address. */
export function LanguageSwitch() {
  const { locale, currentUrl, t } = usePage();
  return (
    <nav class="language-switch" aria-label={t('languageSwitch')}>
      <ul class="language-switch__list">
        {locales.map((candidate) => (
          <li>
            {candidate === locale ? (
              <span class="language-switch__current" aria-current="true" lang={candidate}>
                {names[candidate]}
              </span>
            ) : (
              <a href={withLang(currentUrl, candidate)} hreflang={candidate} lang={candidate}>
                {names[candidate]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function withLang(currentUrl: string, lang: string): string {
  const url = new URL(currentUrl, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}
