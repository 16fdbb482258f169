import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { healthRegisterMessages } from '../messages.ts';
import type { RegisterEntry } from '../register-client.ts';
import { entryRows } from './entry-page.tsx';

/**
 * Where the catalogue's entry leads: what announcing a change is, what it takes, the entry as the
 * register holds it now, then the button that opens the announcement filled with it.
 */
export function StartPage(props: {
  locale: Locale;
  /** The register's entry of the account in use; `unavailable` when the register does not answer. */
  entry: RegisterEntry | undefined | 'unavailable';
  canAnnounce: boolean;
}) {
  const t = healthRegisterMessages.translator(props.locale);
  const { entry } = props;
  return (
    <>
      <h1>{t('startTitle')}</h1>
      <p class="lead">{t('startLead')}</p>
      <h2>{t('startNeedsTitle')}</h2>
      <ul>
        <li>{t('startNeedsLogin')}</li>
        <li>{t('startNeedsEntry')}</li>
        <li>{t('startNeedsInstitution')}</li>
        <li>{t('startNeedsFree')}</li>
      </ul>
      <h2>{t('startCurrentTitle')}</h2>
      {entry === 'unavailable' ? (
        <NotificationBanner kind="important">{t('unavailable')}</NotificationBanner>
      ) : entry ? (
        <>
          <SummaryList rows={entryRows(entry, props.locale)} />
          <p>
            <a href="/health-register">{t('startHistoryLink')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('notFound')}</p>
          <p>{t('notFoundHint')}</p>
        </>
      )}
      {entry && entry !== 'unavailable' && props.canAnnounce && (
        <form method="post" action="/health-register/changes">
          <CsrfField />
          <p class="field__hint">{t('announceHint')}</p>
          <Button>{t('startButton')}</Button>
        </form>
      )}
    </>
  );
}
