import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { supportMessages } from '../messages.ts';

export interface ContactValues {
  kind: 'question' | 'feedback';
  subject: string;
  message: string;
  email: string;
  name: string;
  service: string;
  request: string;
  page: string;
}

/** The contact form: what the person writes, and the context it came from (kept in hidden fields). */
export function ContactPage(props: {
  locale: Locale;
  values: ContactValues;
  errors: FieldError[];
  anonymous: boolean;
  services: { slug: string; name: string }[];
}) {
  const t = supportMessages.translator(props.locale);
  const { values } = props;
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const feedback = values.kind === 'feedback';
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{t(feedback ? 'feedbackTitle' : 'contactTitle')}</h1>
      <p>{t(feedback ? 'feedbackLead' : 'contactLead')}</p>
      <form method="post">
        <CsrfField />
        <input type="hidden" name="kind" value={values.kind} />
        <input type="hidden" name="page" value={values.page} />
        {props.anonymous && (
          <>
            <TextInput
              name="name"
              label={t('name')}
              autocomplete="name"
              value={values.name}
              error={error('name')}
            />
            <TextInput
              name="email"
              type="email"
              label={t('email')}
              hint={t('emailHint')}
              autocomplete="email"
              value={values.email}
              error={error('email')}
            />
          </>
        )}
        <TextInput name="subject" label={t('subject')} value={values.subject} error={error('subject')} />
        <FieldFrame id="service" label={t('service')}>
          <select class="field__input" id="service" name="service">
            <option value="">{t('portal')}</option>
            {props.services.map((s) => (
              <option value={s.slug} selected={s.slug === values.service}>
                {s.name}
              </option>
            ))}
          </select>
        </FieldFrame>
        {!feedback && (
          <TextInput
            name="request"
            label={t('requestReference')}
            hint={t('requestHint')}
            value={values.request}
          />
        )}
        <FieldFrame id="message" label={t('message')} hint={t('messageHint')} error={error('message')}>
          <textarea
            class="field__input"
            id="message"
            name="message"
            rows={6}
            maxlength={5000}
            aria-describedby={describedBy('message', { hint: t('messageHint'), error: error('message') })}
          >
            {values.message}
          </textarea>
        </FieldFrame>
        <Button>{t('send')}</Button>
      </form>
    </>
  );
}

export function SentPage(props: { locale: Locale; reference: string; loggedIn: boolean }) {
  const t = supportMessages.translator(props.locale);
  return (
    <>
      <h1>{t('sentTitle')}</h1>
      <p role="status">{t('sentLead', { reference: props.reference })}</p>
      <p>{t(props.loggedIn ? 'sentLoggedIn' : 'sentEmail')}</p>
    </>
  );
}
