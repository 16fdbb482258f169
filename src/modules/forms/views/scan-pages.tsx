import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { captureMessages } from '../capture-messages.ts';
import type { CaptureView } from '../fields/document/document-kinds.ts';
import { PageList } from '../fields/document/page-list.tsx';

/**
 * The phone's page of a capture: the pages taken so far (preview, order, delete), a photo to take,
 * and sending them. One form of submit buttons, so that it works without JavaScript; the script only
 * sends a photo as soon as it is taken.
 */
export function ScanPage(props: {
  locale: Locale;
  action: string;
  fieldId: string;
  fieldLabel: string;
  formTitle: string;
  accept: string;
  pages: CaptureView['pages'];
  errors: FieldError[];
}) {
  const t = captureMessages.translator(props.locale);
  const error = props.errors[0]?.message;
  return (
    <>
      <h1>{t('scanTitle')}</h1>
      <p>{t('scanFor', { field: props.fieldLabel, form: props.formTitle })}</p>
      <p>{t('scanSteps')}</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={props.action} enctype="multipart/form-data" data-scan-form>
        <CsrfField />
        {props.pages.length === 0 ? (
          <p>{t('scanNoPage')}</p>
        ) : (
          <PageList
            field={props.fieldId}
            pages={props.pages}
            imageHref={(pageId) => `${props.action}/pages/${pageId}`}
            locale={props.locale}
          />
        )}
        <div class={error ? 'field field--error' : 'field'}>
          <label class="field__label" for="page">
            {t('takePhoto')}
          </label>
          {error && (
            <p class="field__error" id="page-error">
              {error}
            </p>
          )}
          <input
            class="field__input"
            type="file"
            id="page"
            name="page"
            accept={props.accept}
            capture="environment"
            aria-describedby={error ? 'page-error' : undefined}
            data-scan-photo
          />
        </div>
        <div class="button-group">
          <Button variant={props.pages.length > 0 ? 'secondary' : 'primary'} name="action" value="add">
            {t('scanAdd')}
          </Button>
          {props.pages.length > 0 && (
            <Button name="action" value="send">
              {t('scanSend', { pages: props.pages.length })}
            </Button>
          )}
        </div>
      </form>
    </>
  );
}

export function ScanMessagePage(props: { title: string; text: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
    </>
  );
}

/** Typing the short code shown on the computer, for a phone that cannot scan the QR code. */
export function CodePage(props: { locale: Locale; error?: string }) {
  const t = captureMessages.translator(props.locale);
  return (
    <>
      <h1>{t('codeTitle')}</h1>
      <ErrorSummary errors={props.error ? [{ field: 'code', message: props.error }] : []} />
      <form method="post" action="/scan" novalidate>
        <CsrfField />
        <TextInput
          name="code"
          label={t('codeLabel')}
          hint={t('codeIntro')}
          error={props.error}
          autocomplete="off"
          spellcheck={false}
        />
        <Button>{t('codeContinue')}</Button>
      </form>
    </>
  );
}
