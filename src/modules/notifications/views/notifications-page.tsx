import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Tag } from '../../../platform/views/components/tag.tsx';
import type { NotificationEvent } from '../../accounts/index.ts';
import { notificationMessages } from '../messages.ts';
import { eventLabel } from '../templates.ts';

export interface NotificationRow {
  id: string;
  event: NotificationEvent;
  link: string;
  reference: string | null;
  authorityName: string;
  createdAt: Date;
  readAt: Date | null;
}

export function NotificationList(props: { locale: Locale; rows: NotificationRow[] }) {
  const t = notificationMessages.translator(props.locale);
  if (props.rows.length === 0) return <p>{t('listEmpty')}</p>;
  return (
    <ul class="service-list">
      {props.rows.map((row) => (
        <li class="service-list__item">
          <p>
            {!row.readAt && (
              <>
                <Tag tone="info">{t('listNew')}</Tag>{' '}
              </>
            )}
            <a href={row.link}>{eventLabel(row.event, props.locale, row.reference)}</a>
          </p>
          <p class="service-list__meta">
            {row.authorityName && `${row.authorityName} · `}
            {formatDateTime(props.locale, row.createdAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function NotificationsPage(props: { locale: Locale; accountName: string; rows: NotificationRow[] }) {
  const t = notificationMessages.translator(props.locale);
  return (
    <>
      <h1>{t('listTitle')}</h1>
      <p class="lead">{t('listLead', { account: props.accountName })}</p>
      <NotificationList locale={props.locale} rows={props.rows} />
    </>
  );
}
