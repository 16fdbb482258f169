import { formatDateTime, formatNumber } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import type { DeliveryRow } from '../webhooks/delivery-log.ts';
import type { Endpoint } from '../webhooks/endpoints.ts';
import { webhookMessages } from '../webhooks/webhook-messages.ts';
import { EndpointState } from './webhooks-page.tsx';

const tones = { delivered: 'success', pending: 'info', failed: 'danger' } as const;

/** One endpoint: its state, a test event, and the delivery log with a replay per delivery. */
export function EndpointPage(props: {
  locale: Locale;
  basePath: string;
  endpoint: Endpoint;
  deliveries: DeliveryRow[];
  notice?: string;
}) {
  const t = webhookMessages.translator(props.locale);
  const path = `${props.basePath}/${props.endpoint.id}`;
  const when = (date: Date | null) => (date ? formatDateTime(props.locale, date) : '—');
  return (
    <>
      {props.notice && <NotificationBanner kind="success">{props.notice}</NotificationBanner>}
      {props.endpoint.disabled_at && (
        <NotificationBanner kind="important">{t('disabledBanner')}</NotificationBanner>
      )}
      <p>
        <a href={props.basePath}>{t('back')}</a>
      </p>
      <h1>{t('endpointTitle', { url: props.endpoint.url })}</h1>
      <SummaryList
        rows={[
          [t('state'), <EndpointState locale={props.locale} endpoint={props.endpoint} />],
          [t('events'), props.endpoint.events.join(', ')],
          [t('description'), props.endpoint.description || '—'],
        ]}
      />
      <form method="post" action={`${path}/test`}>
        <CsrfField />
        <Button variant="secondary">{t('sendTest')}</Button>
      </form>
      {props.endpoint.disabled_at && (
        <form method="post" action={`${path}/enable`}>
          <CsrfField />
          <Button>{t('enable')}</Button>
        </form>
      )}
      {props.deliveries.length === 0 ? (
        <p>{t('noDeliveries')}</p>
      ) : (
        <Table
          caption={t('deliveriesCaption')}
          head={[
            t('event'),
            t('subject'),
            t('createdAt'),
            t('state'),
            t('attempts'),
            t('lastAnswer'),
            t('duration'),
            t('nextAttempt'),
            '',
          ]}
          numeric={[4, 6]}
          rows={props.deliveries.map((d) => [
            <code>{d.type}</code>,
            d.subject ?? '—',
            when(d.created_at),
            <Tag tone={tones[d.status]}>{t(d.status)}</Tag>,
            formatNumber(props.locale, d.attempts),
            d.status_code === null
              ? (d.error ?? (d.attempts > 0 ? t('noAnswer') : '—'))
              : [d.status_code, d.error].filter(Boolean).join(' '),
            d.duration_ms === null ? '—' : `${formatNumber(props.locale, d.duration_ms)} ms`,
            d.status === 'pending' ? when(d.next_attempt_at) : '—',
            <form method="post" action={`${path}/deliveries/${d.id}/replay`}>
              <CsrfField />
              <Button variant="secondary">{t('replay')}</Button>
            </form>,
          ])}
        />
      )}
    </>
  );
}
