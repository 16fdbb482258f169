import { eventTypes } from '../../../platform/events/emit-event.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import type { Endpoint } from '../webhooks/endpoints.ts';
import { webhookMessages } from '../webhooks/webhook-messages.ts';

export function EndpointState(props: { locale: Locale; endpoint: Endpoint }) {
  const t = webhookMessages.translator(props.locale);
  const { disabled_at, failing_since } = props.endpoint;
  if (disabled_at)
    return <Tag tone="danger">{t('disabledSince', { date: formatDateTime(props.locale, disabled_at) })}</Tag>;
  if (failing_since)
    return (
      <Tag tone="warning">{t('failingSince', { date: formatDateTime(props.locale, failing_since) })}</Tag>
    );
  return <Tag tone="success">{t('active')}</Tag>;
}

/** The authority's endpoints, and the form that subscribes one (its secret shown once, after). */
export function WebhooksPage(props: {
  locale: Locale;
  authorityName: string;
  basePath: string;
  endpoints: Endpoint[];
  created?: { endpoint: Endpoint; secret: string };
  problems: ('url' | 'events')[];
  values: { url: string; description: string; events: string[] };
}) {
  const t = webhookMessages.translator(props.locale);
  const errors = props.problems.map((p) => ({
    field: p === 'url' ? 'url' : `event-${eventTypes[0]}`,
    message: p === 'url' ? t('problemUrl') : t('problemEvents'),
  }));
  return (
    <>
      {props.created && (
        <NotificationBanner kind="success">
          <p>{t('secretOnce')}</p>
          <p>
            <code>{props.created.secret}</code>
          </p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={errors} />
      <h1>{t('webhooksTitle', { authority: props.authorityName })}</h1>
      <p>{t('webhooksLead')}</p>
      {props.endpoints.length === 0 ? (
        <p>{t('noEndpoints')}</p>
      ) : (
        <Table
          caption={t('endpointsCaption')}
          head={[t('url'), t('events'), t('state')]}
          rows={props.endpoints.map((endpoint) => [
            <a href={`${props.basePath}/${endpoint.id}`}>{endpoint.description || endpoint.url}</a>,
            endpoint.events.join(', '),
            <EndpointState locale={props.locale} endpoint={endpoint} />,
          ])}
        />
      )}
      <h2>{t('addEndpoint')}</h2>
      <form method="post" action={props.basePath} novalidate>
        <CsrfField />
        <TextInput
          name="url"
          type="url"
          label={t('url')}
          hint={t('urlHint')}
          value={props.values.url}
          error={props.problems.includes('url') ? t('problemUrl') : undefined}
          spellcheck={false}
        />
        <TextInput name="description" label={t('description')} value={props.values.description} />
        <fieldset class="field">
          <legend class="field__label">{t('eventsLegend')}</legend>
          {props.problems.includes('events') && <p class="field__error">{t('problemEvents')}</p>}
          {eventTypes.map((type) => (
            <div class="choice">
              <input
                type="checkbox"
                id={`event-${type}`}
                name="events"
                value={type}
                checked={props.values.events.includes(type)}
              />
              <label for={`event-${type}`}>
                <code>{type}</code>
              </label>
            </div>
          ))}
        </fieldset>
        <Button>{t('subscribe')}</Button>
      </form>
    </>
  );
}
