import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { notificationMessages } from '../messages.ts';
import type { PushSubscriptionRow } from '../push-subscriptions.ts';

export function DevicesPage(props: {
  locale: Locale;
  devices: PushSubscriptionRow[];
  publicKey: string;
  subscribed: boolean;
}) {
  const t = notificationMessages.translator(props.locale);
  return (
    <>
      {props.subscribed && <NotificationBanner kind="success">{t('subscribed')}</NotificationBanner>}
      <h1>{t('devicesTitle')}</h1>
      <p>{t('devicesLead')}</p>
      {props.devices.length === 0 ? (
        <p>{t('devicesNone')}</p>
      ) : (
        <Table
          caption={t('devicesTitle')}
          head={[t('device'), t('subscribedOn'), '']}
          rows={props.devices.map((device) => [
            device.user_agent?.slice(0, 60) ?? t('unknownDevice'),
            formatDateTime(props.locale, device.created_at),
            <form method="post" action={`/notifications/devices/${device.id}/remove`}>
              <CsrfField />
              <button type="submit" class="button button--secondary">
                {t('unsubscribe')}
                <span class="visually-hidden"> {formatDateTime(props.locale, device.created_at)}</span>
              </button>
            </form>,
          ])}
        />
      )}
      <CsrfField />
      <button
        type="button"
        class="button button--secondary"
        data-push-subscribe
        data-key={props.publicKey}
        hidden
      >
        {t('subscribe')}
      </button>
      <p id="push-status" role="status" data-failed={t('subscribeFailed')} />
    </>
  );
}
