import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { identityMessages } from '../messages.ts';

/** Asks for the number, then (once a code went out) for the code. */
export function MobilePage(props: {
  locale: Locale;
  sentTo: string | undefined;
  verified: boolean;
  errors: FieldError[];
}) {
  const t = identityMessages.translator(props.locale);
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <>
      {props.verified && <NotificationBanner kind="success">{t('mobileVerified')}</NotificationBanner>}
      <ErrorSummary errors={props.errors} />
      <h1>{t('mobileTitle')}</h1>
      <p>{t('mobileLead')}</p>
      {props.sentTo && (
        <form method="post" action="/profile/mobile/confirm" novalidate>
          <p>{t('mobileCodeSent', { mobile: props.sentTo })}</p>
          <CsrfField />
          <TextInput
            name="code"
            label={t('mobileCode')}
            inputmode="numeric"
            autocomplete="one-time-code"
            error={error('code')}
          />
          <Button>{t('mobileConfirm')}</Button>
        </form>
      )}
      <form method="post" action="/profile/mobile" novalidate>
        <CsrfField />
        <TextInput
          name="mobile"
          type="tel"
          label={t('mobileNumber')}
          hint={t('mobileHint')}
          autocomplete="tel"
          error={error('mobile')}
        />
        <Button variant={props.sentTo ? 'secondary' : 'primary'}>{t('mobileSend')}</Button>
      </form>
    </>
  );
}
