import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { identityMessages } from '../messages.ts';

/** Asks before an integrated service receives the AVS number; nothing else needs asking. */
export function ConsentPage(props: { locale: Locale; client: string; action: string }) {
  const t = identityMessages.translator(props.locale);
  return (
    <>
      <h1>{t('consentTitle', { client: props.client })}</h1>
      <p>{t('consentLead', { client: props.client })}</p>
      <ul>
        <li>{t('consentAvs')}</li>
      </ul>
      <form method="post" action={props.action} class="button-group">
        <CsrfField />
        <Button name="decision" value="allow">
          {t('consentAllow')}
        </Button>
        <Button name="decision" value="deny" variant="secondary">
          {t('consentDeny')}
        </Button>
      </form>
    </>
  );
}

/** Shown for an instant while the browser goes on to the service (see `continueTo`). */
export function ContinuePage(props: { locale: Locale; client: string; href: string }) {
  const t = identityMessages.translator(props.locale);
  return (
    <>
      <h1>{t('continueTitle', { client: props.client })}</h1>
      <p>
        <a href={props.href}>{t('continueLink', { client: props.client })}</a>
      </p>
    </>
  );
}
