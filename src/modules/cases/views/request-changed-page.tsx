import type { Locale } from '../../../platform/i18n/locales.ts';
import { caseMessages } from '../messages.ts';

/** What a clerk reads when someone else changed the request while they were deciding or moving it. */
export function RequestChangedPage(props: { locale: Locale; href: string }) {
  const t = caseMessages.translator(props.locale);
  return (
    <>
      <h1>{t('requestChangedTitle')}</h1>
      <p>{t('requestChangedText')}</p>
      <p>
        <a href={props.href}>{t('requestChangedBack')}</a>
      </p>
    </>
  );
}
