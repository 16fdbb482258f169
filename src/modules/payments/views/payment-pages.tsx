import type { Child } from 'hono/jsx';
import { formatChf, formatDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { KeptWhole } from '../../../platform/views/components/kept-whole.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag, type TagTone } from '../../../platform/views/components/tag.tsx';
import { paymentMessages } from '../messages.ts';
import { isUnsettled, type Payment, shownReference } from '../payments.ts';
import type { PaymentMethod } from '../provider.ts';
import { AwaitingTransfer } from './bank-pages.tsx';

type T = ReturnType<typeof paymentMessages.translator>;

const tones: Record<Payment['status'], TagTone> = {
  open: 'warning',
  pending: 'info',
  paid: 'success',
  refunded: 'neutral',
  cancelled: 'neutral',
};
/** The wording of each status, in the payment messages. */
export const statusLabels = {
  open: 'statusOpen',
  pending: 'statusPending',
  paid: 'statusPaid',
  refunded: 'statusRefunded',
  cancelled: 'statusCancelled',
} as const;

export const amountOf = (locale: Locale, payment: Payment) =>
  payment.currency === 'CHF'
    ? formatChf(locale, payment.amount_cents)
    : `${payment.currency} ${(payment.amount_cents / 100).toFixed(2)}`;

export function PaymentStatus(props: { t: T; payment: Payment }) {
  return <Tag tone={tones[props.payment.status]}>{props.t(statusLabels[props.payment.status])}</Tag>;
}

const methodLabels = { card: 'methodCard', twint: 'methodTwint', postfinance: 'methodPostfinance' } as const;

/** The methods the authority's provider offers, for the person to choose one (the first by default). */
export function MethodChoice(props: { t: T; methods: readonly PaymentMethod[]; id: string }) {
  if (props.methods.length < 2) return null;
  return (
    <fieldset class="fieldset">
      <legend class="fieldset__legend">{props.t('methodLegend')}</legend>
      {props.methods.map((method, index) => (
        <div class="choice">
          <input
            type="radio"
            id={`${props.id}-${method}`}
            name="method"
            value={method}
            checked={index === 0}
          />
          <label for={`${props.id}-${method}`}>{props.t(methodLabels[method])}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function PaymentPage(props: {
  locale: Locale;
  payment: Payment;
  /** Online payment is configured and the person may pay for this account. */
  mayPay: boolean;
  /** What the authority's provider offers. */
  methods: readonly PaymentMethod[];
  /** Who the money goes to, where the authority said. */
  creditorName?: string;
  /** Other fees of the same procedure still to pay: then one checkout pays them all. */
  siblingsOpen?: number;
  providerDown?: boolean;
  /** Paying by bank transfer instead (a QR-bill), or what waits for it. */
  bankTransfer?: Child;
}) {
  const t = paymentMessages.translator(props.locale);
  const { payment } = props;
  const amount = amountOf(props.locale, payment);
  const paidOn = payment.paid_at && formatDate(props.locale, payment.paid_at);
  return (
    <>
      <h1>
        <KeptWhole text={(refno) => t('paymentTitle', { refno })} value={shownReference(payment)} />
      </h1>
      {props.providerDown && <NotificationBanner kind="important">{t('providerDown')}</NotificationBanner>}
      {!isUnsettled(payment) && paidOn && (
        <NotificationBanner kind="success">
          <KeptWhole text={(refno) => t('paidOn', { date: paidOn, refno })} value={shownReference(payment)} />
        </NotificationBanner>
      )}
      {payment.status === 'open' && payment.last_outcome && (
        <NotificationBanner kind="important">
          {t(payment.last_outcome === 'failed' ? 'lastFailed' : 'lastCanceled')}
        </NotificationBanner>
      )}
      {payment.status === 'pending' && (
        <NotificationBanner kind="important">{t('pendingNote')}</NotificationBanner>
      )}
      <SummaryList
        rows={[
          [t('purpose'), pick(payment.purpose, props.locale)],
          [t('amount'), amount],
          ...(props.creditorName ? [[t('creditor'), props.creditorName] as [string, string]] : []),
          [t('status'), <PaymentStatus t={t} payment={payment} />],
          [t('reference'), shownReference(payment)],
        ]}
      />
      {isUnsettled(payment) && (props.siblingsOpen ?? 0) > 0 && (
        <p>
          <a href={`/payments/checkout?for=${encodeURIComponent(payment.link)}`}>
            {t('payAll', { count: String((props.siblingsOpen ?? 0) + 1) })}
          </a>
        </p>
      )}
      {isUnsettled(payment) &&
        (props.mayPay ? (
          <form method="post" action={`/payments/${payment.id}/checkout`}>
            <CsrfField />
            <MethodChoice t={t} methods={props.methods} id="method" />
            <p class="field__hint">{t('payHint')}</p>
            <Button>{t('payOnline', { amount })}</Button>
          </form>
        ) : (
          <p>{t('unavailable')}</p>
        ))}
      {props.bankTransfer}
      <p>
        <a href={payment.link}>
          <KeptWhole text={(reference) => concerns(t, payment, reference)} value={payment.reference ?? ''} />
        </a>
      </p>
    </>
  );
}

/**
 * The link back to what was paid for, named by it when its source says what it is (`case:` a request,
 * `booking:` a booking) and it has the reference people know it by.
 */
function concerns(t: T, payment: Pick<Payment, 'source' | 'reference'>, reference: string): string {
  if (!payment.reference) return t('concerns');
  if (payment.source.startsWith('case:')) return t('seeRequest', { reference });
  if (payment.source.startsWith('booking:')) return t('seeBooking', { reference });
  return t('concerns');
}

export function PaymentsPage(props: {
  locale: Locale;
  payments: Payment[];
  /** The fees a QR-bill was sent for: they wait for a bank transfer. */
  awaitingTransfer?: Set<string>;
}) {
  const t = paymentMessages.translator(props.locale);
  return (
    <>
      <h1>{t('paymentsTitle')}</h1>
      <p class="lead">{t('paymentsLead')}</p>
      {props.payments.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <Table
          caption={t('paymentsTitle')}
          head={[t('reference'), t('purpose'), t('amount'), t('status')]}
          rows={props.payments.map((payment) => [
            <a class="nowrap" href={`/payments/${payment.id}`}>
              {shownReference(payment)}
            </a>,
            pick(payment.purpose, props.locale),
            amountOf(props.locale, payment),
            isUnsettled(payment) && props.awaitingTransfer?.has(payment.id) ? (
              <AwaitingTransfer locale={props.locale} />
            ) : (
              <PaymentStatus t={t} payment={payment} />
            ),
          ])}
        />
      )}
    </>
  );
}
