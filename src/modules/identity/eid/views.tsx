import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { loginClaims } from './eid-claims.ts';
import { type EidMessage, eidMessages } from './messages.ts';

/** The e-ID's paths; the start page takes `return` and `level` like the login page. */
export const eidPaths = {
  start: '/login/e-id',
  wait: '/login/e-id/wait',
  status: '/login/e-id/status',
  confirm: '/login/e-id/confirm',
} as const;

/** Before anything is asked: which claims and why, then one button. */
export function EidStartPage(props: {
  locale: Locale;
  returnTo: string;
  stepUp: boolean;
  refusal?: EidMessage | undefined;
}) {
  const t = eidMessages.translator(props.locale);
  return (
    <>
      {props.refusal && <NotificationBanner id="eid-refusal">{t(props.refusal)}</NotificationBanner>}
      <h1>{t('eidTitle')}</h1>
      <p class="lead">{t(props.stepUp ? 'eidStepUpLead' : 'eidLead')}</p>
      <h2>{t('eidAskedHeading')}</h2>
      <dl class="summary-list">
        {loginClaims.map((claim) => (
          <div class="summary-list__row">
            <dt>{t(claim.label)}</dt>
            <dd>{t(claim.why)}</dd>
          </div>
        ))}
      </dl>
      <p>{t('eidNotAsked')}</p>
      <form method="post" action={eidPaths.start}>
        <CsrfField />
        <input type="hidden" name="return" value={props.returnTo} />
        {props.stepUp && <input type="hidden" name="stepUp" value="1" />}
        <Button>{t('eidStart')}</Button>
      </form>
      <p>
        <a href={`/login?${new URLSearchParams({ return: props.returnTo })}`}>{t('eidOtherMeans')}</a>
      </p>
    </>
  );
}

/**
 * Waiting for the wallet: the request as a QR code for a phone (on a computer) and as a link that opens
 * the app on this device (first on a phone, where the code is hidden); a status that a small script
 * refreshes, and a button that does the same without it.
 */
export function EidWaitPage(props: { locale: Locale; deepLink: string; qrSvg: string }) {
  const t = eidMessages.translator(props.locale);
  return (
    <>
      <h1>{t('eidWaitTitle')}</h1>
      <div class="eid-qr">
        <p>{t('eidScan')}</p>
        <div class="totp-qr" role="img" aria-label={t('eidQrAlt')} data-deeplink={props.deepLink}>
          {raw(props.qrSvg)}
        </div>
      </div>
      <p>
        <a class="button button--secondary" href={props.deepLink}>
          {t('eidSameDevice')}
        </a>
      </p>
      <p role="status" data-eid-status={eidPaths.status}>
        {t('eidStatusPending')}
      </p>
      <form method="get" action={eidPaths.wait}>
        <Button>{t('eidRefresh')}</Button>
      </form>
      <form method="post" action={eidPaths.start}>
        <CsrfField />
        <Button variant="secondary">{t('eidRestart')}</Button>
      </form>
    </>
  );
}

/** A profile with the same names and date of birth but no AVS number: the person says whether it is theirs. */
export function EidMatchPage(props: { locale: Locale; name: string; birthDate: string }): Child {
  const t = eidMessages.translator(props.locale);
  return (
    <>
      <h1>{t('eidMatchTitle')}</h1>
      <p>{t('eidMatchLead', { name: props.name, birthDate: props.birthDate })}</p>
      <form method="post" action={eidPaths.confirm}>
        <CsrfField />
        <Button name="choice" value="link">
          {t('eidMatchYes')}
        </Button>{' '}
        <Button name="choice" value="new" variant="secondary">
          {t('eidMatchNo')}
        </Button>
      </form>
    </>
  );
}
