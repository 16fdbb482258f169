import { formatChf } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { formMessages } from '../messages.ts';

/**
 * Between "Pay" and the payment's page, while the job that opens the request has not asked the fee
 * yet. Without JavaScript the person asks again with the button; with it, `pay-wait.js` asks the
 * status route and goes on by itself, saying so in the live region (no `meta refresh`: WCAG 2.2.1).
 */
export function PayWaitPage(props: {
  locale: Locale;
  submissionId: string;
  amountCents: number;
  /** The person has already asked once: the page says it is still not ready. */
  again: boolean;
}) {
  const t = formMessages.translator(props.locale);
  const base = `/forms/submissions/${props.submissionId}`;
  return (
    <>
      <h1>{t('payWaitTitle')}</h1>
      <p class="lead">{t('payWaitLead', { amount: formatChf(props.locale, props.amountCents) })}</p>
      <div
        data-pay-wait={`${base}/pay/status`}
        data-checking={t('payWaitChecking')}
        data-ready={t('payWaitReady')}
        data-slow={t('payWaitSlow')}
      >
        <p role="status" data-pay-wait-status>
          {t(props.again ? 'payWaitStill' : 'payWaitNotYet')}
        </p>
        <p>
          <a class="button button--primary" href={`${base}/pay?again=1`}>
            {t('payWaitContinue')}
          </a>
        </p>
      </div>
      <p>
        <a href={base}>{t('payWaitBack')}</a>
      </p>
    </>
  );
}
