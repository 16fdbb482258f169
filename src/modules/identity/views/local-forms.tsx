import { raw } from 'hono/html';
import { colon } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { type IdentityTranslate, identityMessages } from '../messages.ts';

const errorOf = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

type FieldProps = { t: IdentityTranslate; errors: FieldError[] };

function EmailField(props: FieldProps & { value?: string }) {
  return (
    <TextInput
      name="email"
      type="email"
      label={props.t('email')}
      autocomplete="username"
      spellcheck={false}
      value={props.value}
      error={errorOf(props.errors, 'email')}
    />
  );
}

function NewPasswordField(props: FieldProps & { label: string }) {
  return (
    <TextInput
      name="password"
      type="password"
      label={props.label}
      hint={props.t('passwordHint')}
      autocomplete="new-password"
      error={errorOf(props.errors, 'password')}
    />
  );
}

function TotpCodeField(props: FieldProps & { label: string; hint?: string }) {
  return (
    <TextInput
      name="code"
      label={props.label}
      hint={props.hint}
      inputmode="numeric"
      autocomplete="one-time-code"
      error={errorOf(props.errors, 'code')}
    />
  );
}

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
      <EmailField t={t} errors={props.errors} value={props.email} />
      <TextInput
        name="password"
        type="password"
        label={t('password')}
        autocomplete="current-password"
        error={errorOf(props.errors, 'password')}
      />
      <Button>{t('loginSubmit')}</Button>
      <p>
        <a href="/login/recover">{t('recoverLink')}</a>
      </p>
      <p>
        <a href="/register">{t('registerLink')}</a>
      </p>
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
        <TotpCodeField t={t} errors={props.errors} label={t('totpTitle')} hint={t('totpHint')} />
        <Button>{t('totpSubmit')}</Button>
      </form>
    </>
  );
}

/**
 * E-mail, password and a TOTP second factor: to add the built-in means to an identified person, or
 * (with names) to register without an electronic identity.
 */
export function LocalMeansPage(props: {
  locale: Locale;
  mode: 'add' | 'register';
  values: { email: string; givenNames?: string; familyName?: string };
  secret: string;
  /** The key as a QR code (SVG markup from the library) and the `otpauth://` link it encodes. */
  qr: { uri: string; svg: string };
  errors: FieldError[];
}) {
  const t = identityMessages.translator(props.locale);
  const register = props.mode === 'register';
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{t(register ? 'registerTitle' : 'localSetupTitle')}</h1>
      <p>{t(register ? 'registerLead' : 'localSetupLead')}</p>
      <form method="post" action={register ? '/register' : '/profile/local-means'} novalidate>
        <CsrfField />
        {register && (
          <>
            <TextInput
              name="givenNames"
              label={t('givenNames')}
              autocomplete="given-name"
              spellcheck={false}
              value={props.values.givenNames}
              error={errorOf(props.errors, 'givenNames')}
            />
            <TextInput
              name="familyName"
              label={t('familyName')}
              autocomplete="family-name"
              spellcheck={false}
              value={props.values.familyName}
              error={errorOf(props.errors, 'familyName')}
            />
          </>
        )}
        <EmailField t={t} errors={props.errors} value={props.values.email} />
        <NewPasswordField t={t} errors={props.errors} label={t('password')} />
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{t('totpSetupLegend')}</legend>
          <p>{t('totpSetupHint')}</p>
          {/* The key below says in text what the picture holds. */}
          <div class="totp-qr" role="img" aria-label={t('totpQrLabel')}>
            {raw(props.qr.svg)}
          </div>
          <p>
            <a href={props.qr.uri}>{t('totpOpenApp')}</a>
          </p>
          <p>
            {t('totpSecret')}
            {colon(props.locale)}{' '}
            <code class="secret" data-testid="totp-secret">
              {props.secret}
            </code>
          </p>
          <TotpCodeField t={t} errors={props.errors} label={t('totpSetupCode')} />
        </fieldset>
        <Button>{t(register ? 'registerSubmit' : 'localSetupSubmit')}</Button>
      </form>
    </>
  );
}

/** A message page: confirmation, or a link that no longer works. */
export function MessagePage(props: { title: string; body: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.body}</p>
    </>
  );
}

export function RecoverPage(props: { locale: Locale; errors: FieldError[] }) {
  const t = identityMessages.translator(props.locale);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{t('recoverTitle')}</h1>
      <p>{t('recoverLead')}</p>
      <form method="post" action="/login/recover" novalidate>
        <CsrfField />
        <EmailField t={t} errors={props.errors} />
        <Button>{t('recoverSubmit')}</Button>
      </form>
    </>
  );
}

export function NewPasswordPage(props: {
  locale: Locale;
  action: string;
  totp: boolean;
  errors: FieldError[];
}) {
  const t = identityMessages.translator(props.locale);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{t('newPasswordTitle')}</h1>
      <form method="post" action={props.action} novalidate>
        <CsrfField />
        <NewPasswordField t={t} errors={props.errors} label={t('newPassword')} />
        {props.totp && (
          <TotpCodeField t={t} errors={props.errors} label={t('totpTitle')} hint={t('totpHint')} />
        )}
        <Button>{t('newPasswordSubmit')}</Button>
      </form>
    </>
  );
}
