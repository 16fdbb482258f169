import { type Locale, locales } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import {
  type NotificationChannel,
  type NotificationEvent,
  notificationEvents,
} from '../../accounts/index.ts';
import { notificationMessages } from '../messages.ts';
import { eventLabel, type Template } from '../templates.ts';

const channels: NotificationChannel[] = ['email', 'sms', 'push'];

export function TemplatesPage(props: {
  locale: Locale;
  authorityName: string;
  action: string;
  selected: { event: NotificationEvent; channel: NotificationChannel; locale: Locale };
  template: Template;
  custom: boolean;
  preview: Template;
  errors: FieldError[];
  saved: boolean;
}) {
  const t = notificationMessages.translator(props.locale);
  const languages = new Intl.DisplayNames([props.locale], { type: 'language' });
  const channelKey = { email: 'channelEmail', sms: 'channelSms', push: 'channelPush' } as const;
  const select = (name: string, label: string, options: [string, string][], value: string) => (
    <div class="field">
      <label class="field__label" for={name}>
        {label}
      </label>
      <select class="field__input" id={name} name={name}>
        {options.map(([v, l]) => (
          <option value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  const keyFields = (
    <>
      <input type="hidden" name="event" value={props.selected.event} />
      <input type="hidden" name="channel" value={props.selected.channel} />
      <input type="hidden" name="locale" value={props.selected.locale} />
    </>
  );
  return (
    <>
      <h1>{t('templatesTitle')}</h1>
      <p class="lead">{t('templatesLead', { authority: props.authorityName })}</p>
      {props.saved && <NotificationBanner kind="success">{t('templateSaved')}</NotificationBanner>}
      <ErrorSummary errors={props.errors} />
      <form method="get" action={props.action} aria-label={t('templateChoose')}>
        {select(
          'event',
          t('templateEvent'),
          notificationEvents.map((e) => [e, eventLabel(e, props.locale)]),
          props.selected.event,
        )}
        {select(
          'channel',
          t('templateChannel'),
          channels.map((c) => [c, t(channelKey[c])]),
          props.selected.channel,
        )}
        {select(
          'locale',
          t('templateLanguage'),
          locales.map((l) => [l, languages.of(l) ?? l]),
          props.selected.locale,
        )}
        <Button variant="secondary">{t('templateShow')}</Button>
      </form>
      <h2>{props.custom ? t('templateCustom') : t('templateBuiltIn')}</h2>
      <form method="post" action={props.action}>
        <CsrfField />
        {keyFields}
        <p class="field__hint" id="template-hint">
          {t('templateHint')}
        </p>
        <div class="field">
          <label class="field__label" for="subject">
            {t('templateSubject')}
          </label>
          <input
            class="field__input"
            id="subject"
            name="subject"
            value={props.template.subject}
            aria-describedby="template-hint"
          />
        </div>
        <div class="field">
          <label class="field__label" for="body">
            {t('templateBody')}
          </label>
          <textarea class="field__input" id="body" name="body" rows={8} aria-describedby="template-hint">
            {props.template.body}
          </textarea>
        </div>
        <Button>{t('templateSave')}</Button>
      </form>
      {props.custom && (
        <form method="post" action={`${props.action}/reset`}>
          <CsrfField />
          {keyFields}
          <Button variant="secondary">{t('templateReset')}</Button>
        </form>
      )}
      <h2>{t('templatePreview')}</h2>
      <div class="template-preview" lang={props.selected.locale}>
        {props.preview.subject && (
          <p>
            <strong>{props.preview.subject}</strong>
          </p>
        )}
        {props.preview.body.split('\n\n').map((paragraph) => (
          <p>{paragraph}</p>
        ))}
      </div>
    </>
  );
}
