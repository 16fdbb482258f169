import type { Child } from 'hono/jsx';
import { formatDateTime, formatShortDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { KeptWhole } from '../../../platform/views/components/kept-whole.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag, type TagTone } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { paymentMessages } from '../messages.ts';
import { type Payment, type paymentEvents, type paymentsOfAuthority, shownReference } from '../payments.ts';
import type { Refundable, RefundWithReason } from '../refunds.ts';
import type { RefundState } from '../tables.ts';
import { amountOf, PaymentStatus, statusLabels } from './payment-pages.tsx';

const statuses = Object.keys(statusLabels) as (keyof typeof statusLabels)[];

export function StaffPaymentsPage(props: {
  locale: Locale;
  authorityName: string;
  base: string;
  status: string;
  payments: Awaited<ReturnType<typeof paymentsOfAuthority>>;
  /** For the authority's administrator: its provider, merchant and creditor. */
  mayManage?: boolean;
  /** Links to bank reconciliation and the daily statement. */
  tools?: Child;
}) {
  const t = paymentMessages.translator(props.locale);
  return (
    <>
      <h1>{t('staffTitle', { authority: props.authorityName })}</h1>
      {props.mayManage && (
        <p>
          <a href={`${props.base}/settings`}>{t('settingsLink')}</a>
        </p>
      )}
      {props.tools}
      <form method="get" action={props.base} class="inbox-filters">
        <div class="field">
          <label class="field__label" for="status">
            {t('status')}
          </label>
          <select class="field__input" id="status" name="status">
            <option value="">{t('allStatuses')}</option>
            {statuses.map((status) => (
              <option value={status} selected={props.status === status}>
                {t(statusLabels[status])}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('filter')}</Button>
      </form>
      <p>
        <a href={`${props.base}/export.csv`}>{t('exportCsv')}</a>
      </p>
      {props.payments.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <Table
          caption={t('staffTitle', { authority: props.authorityName })}
          head={[t('reference'), t('purpose'), t('amount'), t('status'), t('paidAt'), t('toCheck')]}
          numeric={[2]}
          rows={props.payments.map((payment) => [
            <a href={`${props.base}/${payment.id}`}>{shownReference(payment)}</a>,
            pick(payment.purpose, props.locale),
            amountOf(props.locale, payment),
            <PaymentStatus t={t} payment={payment} />,
            payment.paid_at ? formatShortDate(props.locale, payment.paid_at) : '—',
            Number(payment.flags) > 0 ? <Tag tone="danger">{t('flagged')}</Tag> : '',
          ])}
        />
      )}
    </>
  );
}

export function StaffPaymentPage(props: {
  locale: Locale;
  base: string;
  payment: Payment;
  events: Awaited<ReturnType<typeof paymentEvents>>;
  refundables: Refundable[];
  refunds: RefundWithReason[];
  mayRefund: boolean;
  refundRequested: boolean;
  errors: FieldError[];
  /** The QR-bill sent for it, or a button to send one. */
  qrBill?: Child;
}) {
  const t = paymentMessages.translator(props.locale);
  const { payment } = props;
  const chf = (cents: number) => amountOf(props.locale, { ...payment, amount_cents: cents });
  const open = props.refundables.filter((r) => r.settledCents > r.refundedCents);
  return (
    <>
      <h1>
        <KeptWhole text={(refno) => t('paymentTitle', { refno })} value={shownReference(payment)} />
      </h1>
      {props.refundRequested && (
        <NotificationBanner kind="success">{t('refundRequested')}</NotificationBanner>
      )}
      <ErrorSummary errors={props.errors} />
      <SummaryList
        rows={[
          [t('purpose'), pick(payment.purpose, props.locale)],
          [t('amount'), amountOf(props.locale, payment)],
          [t('status'), <PaymentStatus t={t} payment={payment} />],
          [t('paidAt'), payment.paid_at ? formatDateTime(props.locale, payment.paid_at) : '—'],
          [t('transaction'), payment.provider_transaction_id ?? '—'],
          [t('providerRefno'), payment.refno],
        ]}
      />
      {payment.refunded_cents > 0 && <p>{t('refundedTotal', { amount: chf(payment.refunded_cents) })}</p>}
      {props.mayRefund && open.length > 0 && (
        <section aria-labelledby="refund">
          <h2 id="refund">{t('refundTitle')}</h2>
          {open.map((r) => (
            // Asked on a page of its own (GET), with the reason, before anything is given back.
            <form method="get" action={`${props.base}/${payment.id}/refund`}>
              <input type="hidden" name="transactionId" value={r.transactionId} />
              <p>
                {t('refundOf', {
                  transaction: r.transactionId,
                  kind: t(r.duplicate ? 'kindDuplicate' : 'kindPaid'),
                  amount: chf(r.settledCents - r.refundedCents),
                })}
              </p>
              <TextInput
                name={`amount-${r.transactionId}`}
                label={t('refundAmount')}
                inputmode="decimal"
                value={((r.settledCents - r.refundedCents) / 100).toFixed(2)}
                error={props.errors.find((e) => e.field === `amount-${r.transactionId}`)?.message}
              />
              <Button variant="secondary">{t('refundButton')}</Button>
            </form>
          ))}
        </section>
      )}
      {props.refunds.length > 0 && (
        <Refunds locale={props.locale} payment={payment} refunds={props.refunds} />
      )}
      <h2>{t('history')}</h2>
      <Table
        caption={t('history')}
        head={[t('when'), t('what'), t('transaction'), t('status')]}
        rows={props.events.map((event) => {
          const body = event.body as { transactionId?: string } | null;
          return [
            formatDateTime(props.locale, event.at),
            t(eventKinds[event.kind]),
            body?.transactionId ?? '—',
            providerStatusWord(t, event.provider_status),
          ];
        })}
      />
      {props.qrBill}
    </>
  );
}

type T = ReturnType<typeof paymentMessages.translator>;

const eventKinds = {
  initiated: 'eventInitiated',
  webhook: 'eventWebhook',
  checked: 'eventChecked',
  mismatch: 'eventMismatch',
  duplicate: 'eventDuplicate',
  refund: 'eventRefund',
} as const;

const providerStatuses: Record<string, Parameters<T>[0]> = {
  initialized: 'providerInitialized',
  authorized: 'providerAuthorized',
  settled: 'providerSettled',
  transmitted: 'providerTransmitted',
  canceled: 'providerCanceled',
  failed: 'providerFailed',
};

/** The provider's status in words; one it may add later is shown as it came, rather than hidden. */
function providerStatusWord(t: T, status: string | null): string {
  if (!status) return '—';
  const key = providerStatuses[status];
  return key ? t(key) : status;
}

const refundStates: Record<
  RefundState,
  {
    label: 'refundRequestedState' | 'refundRefundedState' | 'refundRefusedState' | 'refundUnknownState';
    tone: TagTone;
  }
> = {
  requested: { label: 'refundRequestedState', tone: 'info' },
  refunded: { label: 'refundRefundedState', tone: 'success' },
  refused: { label: 'refundRefusedState', tone: 'neutral' },
  unknown: { label: 'refundUnknownState', tone: 'danger' },
};

/** Every refund of the payment with its outcome; one the provider never answered is to be checked by hand. */
function Refunds(props: { locale: Locale; payment: Payment; refunds: RefundWithReason[] }) {
  const t = paymentMessages.translator(props.locale);
  const chf = (cents: number) => amountOf(props.locale, { ...props.payment, amount_cents: cents });
  return (
    <section aria-labelledby="refunds">
      <h2 id="refunds">{t('refundsTitle')}</h2>
      {props.refunds.some((r) => r.state === 'unknown') && (
        <NotificationBanner kind="important">{t('refundUnknownHint')}</NotificationBanner>
      )}
      <Table
        caption={t('refundsTitle')}
        head={[t('when'), t('reference'), t('transaction'), t('amount'), t('refundReason'), t('refundState')]}
        numeric={[3]}
        rows={props.refunds.map((refund) => [
          formatDateTime(props.locale, refund.requested_at),
          refund.refno,
          refund.refund_of,
          chf(refund.amount_cents),
          refund.reason ?? '—',
          <Tag tone={refundStates[refund.state].tone}>{t(refundStates[refund.state].label)}</Tag>,
        ])}
      />
    </section>
  );
}
