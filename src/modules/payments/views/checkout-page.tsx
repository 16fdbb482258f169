import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import type { CheckoutFee } from '../checkout-group.ts';
import { paymentMessages } from '../messages.ts';
import { isUnsettled } from '../payments.ts';
import type { PaymentMethod } from '../provider.ts';
import { amountOf, MethodChoice, PaymentStatus } from './payment-pages.tsx';

const providerNames = { datatrans: 'Datatrans', saferpay: 'Worldline Saferpay' } as const;

/**
 * The fees of one procedure, each to its own creditor: the list with its progress, and the next one to
 * pay on its provider's page; back from it, the person lands here again for the one after.
 */
export function CheckoutPage(props: {
  locale: Locale;
  fees: CheckoutFee[];
  /** The methods offered by the next fee's provider (none: it cannot be paid online). */
  nextMethods: readonly PaymentMethod[];
  back: string;
  providerDown?: boolean;
}) {
  const t = paymentMessages.translator(props.locale);
  const creditorOf = (fee: CheckoutFee) =>
    typeof fee.creditor === 'string' ? fee.creditor : pick(fee.creditor, props.locale);
  const total = props.fees.length;
  const paid = props.fees.filter((fee) => !isUnsettled(fee.payment)).length;
  const nextIndex = props.fees.findIndex((fee) => isUnsettled(fee.payment));
  const next = props.fees[nextIndex];
  const creditors = new Set(props.fees.map(creditorOf)).size;
  return (
    <>
      <h1>{t('checkoutTitle')}</h1>
      <p class="lead">{t('checkoutLead', { count: String(creditors) })}</p>
      {props.providerDown && <NotificationBanner kind="important">{t('providerDown')}</NotificationBanner>}
      <p>
        <label for="checkout-progress">
          {t('checkoutProgress', { paid: String(paid), total: String(total) })}
        </label>{' '}
        <progress id="checkout-progress" max={String(total)} value={String(paid)}>
          {paid}/{total}
        </progress>
      </p>
      <Table
        caption={t('checkoutTitle')}
        head={['#', t('creditor'), t('purpose'), t('amount'), t('status')]}
        rows={props.fees.map((fee, index) => [
          String(index + 1),
          <>
            {creditorOf(fee)}
            {fee.provider && (
              <>
                <br />
                <span class="field__hint">{t('checkoutVia', { provider: providerNames[fee.provider] })}</span>
              </>
            )}
          </>,
          <a href={`/payments/${fee.payment.id}`}>{pick(fee.payment.purpose, props.locale)}</a>,
          amountOf(props.locale, fee.payment),
          <PaymentStatus t={t} payment={fee.payment} />,
        ])}
      />
      {next ? (
        <>
          <h2>{t('checkoutStep', { n: String(nextIndex + 1), total: String(total) })}</h2>
          {next.payment.status === 'open' && next.payment.last_outcome && (
            <NotificationBanner kind="important">
              {t(next.payment.last_outcome === 'failed' ? 'lastFailed' : 'lastCanceled')}
            </NotificationBanner>
          )}
          {props.nextMethods.length > 0 ? (
            <form method="post" action={`/payments/${next.payment.id}/checkout`}>
              <CsrfField />
              <input type="hidden" name="back" value={props.back} />
              <MethodChoice t={t} methods={props.nextMethods} id="method" />
              <p class="field__hint">{t('payHint')}</p>
              <Button>
                {t('checkoutPayNext', {
                  amount: amountOf(props.locale, next.payment),
                  creditor: creditorOf(next),
                })}
              </Button>
            </form>
          ) : (
            <p>{t('unavailable')}</p>
          )}
        </>
      ) : (
        <NotificationBanner kind="success">{t('checkoutDone')}</NotificationBanner>
      )}
    </>
  );
}
