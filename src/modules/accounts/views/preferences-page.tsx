import { type Locale, locales } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { accountMessages } from '../messages.ts';
import {
  type NotificationChoices,
  notificationChannels,
  notificationEvents,
} from '../notification-preferences.ts';
import type { NotificationChannel } from '../tables.ts';

const languageNames = { fr: 'Français', de: 'Deutsch', en: 'English' } as const;
const eventKeys = {
  newDocument: 'eventNewDocument',
  newMessage: 'eventNewMessage',
  requestStatus: 'eventRequestStatus',
  paymentDue: 'eventPaymentDue',
  mandateToApprove: 'eventMandateToApprove',
  draftExpiring: 'eventDraftExpiring',
  mandateChanged: 'eventMandateChanged',
  statementDue: 'eventStatementDue',
} as const;
const channelKeys = { email: 'channelEmail', sms: 'channelSms', push: 'channelPush' } as const;
/** Where a person makes a missing channel available. */
const addChannel = {
  sms: { href: '/profile/mobile', label: 'addMobile' },
  push: { href: '/notifications/devices', label: 'addDevice' },
} as const;
const unavailableKeys = { email: 'noVerifiedEmail', sms: 'noVerifiedMobile', push: 'noPushDevice' } as const;

export function PreferencesPage(props: {
  locale: Locale;
  languages: { interface: Locale; forms: Locale | null; notifications: Locale | null };
  accountName: string;
  choices: NotificationChoices;
  available: Record<NotificationChannel, boolean>;
  mayChangeNotifications: boolean;
  saved: boolean;
}) {
  const t = accountMessages.translator(props.locale);
  const select = (name: string, label: string, value: Locale | null, optional: boolean) => (
    <div class="field">
      <label class="field__label" for={name}>
        {label}
      </label>
      <select class="field__input" id={name} name={name}>
        {optional && (
          <option value="" selected={value === null}>
            {t('sameAsInterface')}
          </option>
        )}
        {locales.map((l) => (
          <option value={l} selected={value === l} lang={l}>
            {languageNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      {props.saved && <NotificationBanner kind="success">{t('preferencesSaved')}</NotificationBanner>}
      <h1>{t('preferencesTitle')}</h1>
      <form method="post" action="/preferences">
        <CsrfField />
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{t('languagesLegend')}</legend>
          {select('interfaceLanguage', t('interfaceLanguage'), props.languages.interface, false)}
          {select('formLanguage', t('formLanguage'), props.languages.forms, true)}
          {select('notificationLanguage', t('notificationLanguage'), props.languages.notifications, true)}
        </fieldset>
        <h2 id="notifications">{t('notificationsTitle', { account: props.accountName })}</h2>
        <p>{t('notificationsLead')}</p>
        {!props.mayChangeNotifications && <p>{t('membersCannotChange')}</p>}
        <ul class="channel-status">
          {notificationChannels
            .filter((channel) => !props.available[channel])
            .map((channel) => (
              <li>
                {t(channelKeys[channel])} — {t('channelUnavailable', { reason: t(unavailableKeys[channel]) })}
                {channel !== 'email' && (
                  <>
                    {' '}
                    <a href={addChannel[channel].href}>{t(addChannel[channel].label)}</a>
                  </>
                )}
              </li>
            ))}
        </ul>
        <div class="table-wrapper">
          <table class="table" aria-labelledby="notifications">
            <thead>
              <tr>
                <th scope="col">{t('event')}</th>
                {notificationChannels.map((channel) => (
                  <th scope="col">{t(channelKeys[channel])}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {notificationEvents.map((event) => (
                <tr>
                  <th scope="row">{t(eventKeys[event])}</th>
                  {notificationChannels.map((channel) => (
                    <td>
                      <input
                        type="checkbox"
                        class="matrix-checkbox"
                        name={`notify.${event}`}
                        value={channel}
                        aria-label={t('notifyBy', {
                          event: t(eventKeys[event]),
                          channel: t(channelKeys[channel]),
                        })}
                        checked={props.choices[event].includes(channel)}
                        disabled={!props.available[channel] || !props.mayChangeNotifications}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Button>{t('preferencesSave')}</Button>
      </form>
    </>
  );
}
