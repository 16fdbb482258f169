import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { verificationMessages } from '../messages.ts';
import type { VerificationResult } from '../verdict.ts';
import { VerificationResultView } from './verification-result.tsx';

export const verificationPaths = {
  page: '/verify',
  manifest: '/verify/manifest.webmanifest',
  serviceWorker: '/verify-service-worker.js',
  trustList: '/verification/trust-list.jws',
  revocations: '/verification/revocations.jws',
  api: '/api/v1/verifications',
} as const;

/**
 * The public verification page. Without JavaScript it is a form: a photo or a PDF (or the code's text)
 * goes to the server, which answers with the verdict. With JavaScript the camera and photos are read
 * in the browser and verified there against the cached lists, also offline (verify.js).
 */
export function VerifyPage(props: { locale: Locale; result?: VerificationResult; error?: string }) {
  const t = verificationMessages.translator(props.locale);
  const texts = verificationMessages.catalogue[props.locale];
  return (
    <>
      <h1>{t('title')}</h1>
      {props.error && <ErrorSummary errors={[{ field: 'verify-file', message: props.error }]} />}
      <p class="lead">{t('lead')}</p>
      <div id="verify-result" aria-live="polite" tabindex={-1}>
        {props.result && <VerificationResultView locale={props.locale} result={props.result} />}
      </div>
      <section id="verify-camera" aria-labelledby="verify-camera-title" hidden>
        <h2 id="verify-camera-title">{t('scanTitle')}</h2>
        <p>{t('scanHelp')}</p>
        <button type="button" class="button button--secondary" id="verify-camera-toggle">
          {t('scanStart')}
        </button>
        <video id="verify-video" muted playsinline hidden aria-label={t('scanTitle')} />
      </section>
      <h2 id="verify-upload-title">{t('uploadTitle')}</h2>
      <form
        method="post"
        action={verificationPaths.page}
        enctype="multipart/form-data"
        aria-labelledby="verify-upload-title"
        id="verify-form"
      >
        <CsrfField />
        <FieldFrame id="verify-file" label={t('fileLabel')} hint={t('fileHint')} error={props.error}>
          <input
            class="field__input"
            type="file"
            id="verify-file"
            name="file"
            accept="image/png,image/jpeg,application/pdf"
            aria-describedby={describedBy('verify-file', { hint: t('fileHint'), error: props.error })}
          />
        </FieldFrame>
        <FieldFrame id="verify-payload" label={t('payloadLabel')} hint={t('payloadHint')}>
          <textarea
            class="field__input"
            id="verify-payload"
            name="payload"
            rows={3}
            spellcheck={false}
            autocomplete="off"
            aria-describedby="verify-payload-hint"
          />
        </FieldFrame>
        <Button>{t('submit')}</Button>
      </form>
      <script
        type="application/json"
        id="verify-config"
        dangerouslySetInnerHTML={{
          __html: JSON.stringify({
            locale: props.locale,
            texts,
            trustList: verificationPaths.trustList,
            revocations: verificationPaths.revocations,
            serviceWorker: verificationPaths.serviceWorker,
            scope: verificationPaths.page,
          }).replaceAll('<', '\\u003c'),
        }}
      />
    </>
  );
}
