import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import type { Authority } from '../authority.ts';
import { authorityMessages } from '../messages.ts';

export function CommuneHomePage(props: { locale: Locale; commune: Authority }) {
  const t = authorityMessages.translator(props.locale);
  const name = pick(props.commune.names, props.locale, props.commune.languages);
  const languages = new Intl.DisplayNames([props.locale], { type: 'language' });
  return (
    <>
      <h1>{t('communeTitle', { commune: name })}</h1>
      <p class="lead">{t('communeLead', { commune: name })}</p>
      <p>
        {t('communeLanguages', { languages: props.commune.languages.map((l) => languages.of(l)).join(', ') })}
      </p>
      <p>
        <a href="/">{t('backToCanton')}</a>
      </p>
    </>
  );
}
