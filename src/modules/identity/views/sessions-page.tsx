import type { SessionSummary } from '../../../platform/http/session.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { identityMessages } from '../messages.ts';

/** A readable name for a browser from its user agent: enough to recognise one's own devices. */
function device(userAgent: string | null): string | undefined {
  if (!userAgent) return undefined;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : undefined;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : undefined;
  return [browser, system].filter(Boolean).join(' · ') || undefined;
}

export function SessionsPage(props: {
  locale: Locale;
  sessions: SessionSummary[];
  current: string;
  ended: number | undefined;
}) {
  const t = identityMessages.translator(props.locale);
  return (
    <>
      {props.ended !== undefined && (
        <NotificationBanner kind="success">{t('sessionsEnded', { count: props.ended })}</NotificationBanner>
      )}
      <h1>{t('sessionsTitle')}</h1>
      <p>{t('sessionsLead')}</p>
      <Table
        caption={t('sessionsTitle')}
        head={[t('sessionDevice'), t('sessionStarted'), t('sessionLastSeen'), '']}
        rows={props.sessions.map((s) => [
          device(s.userAgent) ?? t('sessionUnknownDevice'),
          formatDateTime(props.locale, s.createdAt),
          formatDateTime(props.locale, s.lastSeenAt),
          s.handle === props.current ? (
            <Tag tone="info">{t('sessionThis')}</Tag>
          ) : (
            <form method="post" action="/profile/sessions/end">
              <CsrfField />
              <input type="hidden" name="session" value={s.handle} />
              <button type="submit" class="button button--secondary">
                {t('sessionEnd')}
                <span class="visually-hidden"> {formatDateTime(props.locale, s.createdAt)}</span>
              </button>
            </form>
          ),
        ])}
      />
      <form method="post" action="/profile/sessions/end-others">
        <CsrfField />
        <button type="submit" class="button button--secondary">
          {t('sessionsEndOthers')}
        </button>
      </form>
    </>
  );
}
