import type { Locale } from '../../../platform/i18n/locales.ts';
import { pick } from '../../../platform/i18n/locales.ts';
import {
  amountOf,
  isUnsettled,
  type Payment,
  PaymentStatus,
  paymentMessages,
  shownReference,
} from '../../payments/index.ts';
import { caseMessages } from '../messages.ts';

/** The fees of a request: what is left to pay (with the way to pay it) and what is paid. */
export function Payments(props: {
  locale: Locale;
  payments: Payment[];
  audience: 'citizen' | 'staff';
  /** Staff: where the payment's details (and refunds) are. */
  staffHref?: (paymentId: string) => string;
}) {
  const t = caseMessages.translator(props.locale);
  const paymentT = paymentMessages.translator(props.locale);
  if (props.payments.length === 0) return null;
  return (
    <section aria-labelledby="payments">
      <h2 id="payments">{t('paymentsTitle')}</h2>
      <ul>
        {props.payments.map((payment) => (
          <li>
            {pick(payment.purpose, props.locale)} – {amountOf(props.locale, payment)}{' '}
            <PaymentStatus t={paymentT} payment={payment} />{' '}
            {props.audience === 'citizen' && isUnsettled(payment) ? (
              <a class="button button--primary" href={`/payments/${payment.id}`}>
                {t('payNow')}
              </a>
            ) : props.staffHref ? (
              <a href={props.staffHref(payment.id)}>{shownReference(payment)}</a>
            ) : (
              <small>{shownReference(payment)}</small>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
