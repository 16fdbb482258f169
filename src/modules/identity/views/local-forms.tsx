import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { identityMessages } from '../messages.ts';

const errorOf = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

/** E-mail and password, on the login page. */
export function LocalLoginForm(props: {
  locale: Locale;
  returnTo: string;
  email: string;
  errors: FieldError[];
}) {
  const t = identityMessages.translator(props.locale);
  return (
    <form method="post" action="/login/local" novalidate>
      <h2>{t('localLoginTitle')}</h2>
      <ErrorSummary errors={props.errors} />
      <CsrfField />
      <input type="hidden" name="return" value={props.returnTo} />
      <TextInput
        name="email"
        type="email"
        label={t('email')}
        autocomplete="username"
        spellcheck={false}
        value={props.email}
        error={errorOf(props.errors, 'email')}
      />
      <TextInput
        name="password"
        type="password"
        label={t('password')}
        autocomplete="current-password"
        error={errorOf(props.errors, 'password')}
      />
      <Button>{t('loginSubmit')}</Button>
    </form>
  );
}

export function TotpPage(props: { locale: Locale; errors: FieldError[] }) {
  const t = identityMessages.translator(props.locale);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{t('totpTitle')}</h1>
      <form method="post" action="/login/local/totp" novalidate>
        <CsrfField />
        <TextInput
          name="code"
          label={t('totpTitle')}
          hint={t('totpHint')}
          inputmode="numeric"
          autocomplete="one-time-code"
          error={errorOf(props.errors, 'code')}
        />
        <Button>{t('totpSubmit')}</Button>
      </form>
    </>
  );
}

export function LocalSetupPage(props: {
  locale: Locale;
  email: string;
  secret: string;
  errors: FieldError[];
}) {
  const t = identityMessages.translator(props.locale);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{t('localSetupTitle')}</h1>
      <p>{t('localSetupLead')}</p>
      <form method="post" action="/profile/local-means" novalidate>
        <CsrfField />
        <TextInput
          name="email"
          type="email"
          label={t('email')}
          autocomplete="username"
          spellcheck={false}
          value={props.email}
          error={errorOf(props.errors, 'email')}
        />
        <TextInput
          name="password"
          type="password"
          label={t('password')}
          hint={t('passwordHint')}
          autocomplete="new-password"
          error={errorOf(props.errors, 'password')}
        />
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{t('totpSetupLegend')}</legend>
          <p>{t('totpSetupHint')}</p>
          <p>
            {t('totpSecret')} :{' '}
            <code class="secret" data-testid="totp-secret">
              {props.secret}
            </code>
          </p>
          <TextInput
            name="code"
            label={t('totpSetupCode')}
            inputmode="numeric"
            autocomplete="one-time-code"
            error={errorOf(props.errors, 'code')}
          />
        </fieldset>
        <Button>{t('localSetupSubmit')}</Button>
      </form>
    </>
  );
}
