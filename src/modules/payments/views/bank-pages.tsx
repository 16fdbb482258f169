import { colon, formatChf, formatDateTime, formatShortDate } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { bankMessages } from '../bank-messages.ts';
import type { BankCreditRow, ImportSummary } from '../camt-import.ts';
import type { Payment } from '../payments.ts';
import { formatReference } from '../qr-bill-reference.ts';
import type { BankSlip } from '../qr-bill-send.ts';

type T = ReturnType<typeof bankMessages.translator>;

/** The status of a fee a QR-bill was sent for, in lists. */
export function AwaitingTransfer(props: { locale: Locale }) {
  return <Tag tone="info">{bankMessages.translator(props.locale)('awaitingTransfer')}</Tag>;
}

/** On the person's payment page: paying by bank transfer, or what waits for it once chosen. */
export function BankTransferChoice(props: {
  locale: Locale;
  payment: Payment;
  slip: BankSlip | undefined;
  mayPay: boolean;
  refused: boolean;
}) {
  const t = bankMessages.translator(props.locale);
  const { payment, slip } = props;
  if (!['open', 'pending'].includes(payment.status)) return null;
  if (slip)
    return (
      <section aria-labelledby="bank-transfer">
        <h2 id="bank-transfer">
          <AwaitingTransfer locale={props.locale} />
        </h2>
        <p>{t('awaitingTransferNote')}</p>
        {slip.document_id && (
          <p>
            <a href={`/documents/${slip.document_id}`}>{t('openQrBill')}</a>
          </p>
        )}
        <p>
          {t('bankReference')}
          {colon(props.locale)} {formatReference(slip.reference)}
        </p>
      </section>
    );
  if (!props.mayPay) return null;
  return (
    <section aria-labelledby="bank-transfer">
      <h2 id="bank-transfer">{t('payByTransfer')}</h2>
      {props.refused && <NotificationBanner kind="important">{t('noCreditor')}</NotificationBanner>}
      <form method="post" action={`/payments/${payment.id}/bank-transfer`}>
        <CsrfField />
        <p class="field__hint">{t('payByTransferHint')}</p>
        <Button variant="secondary">{t('payByTransfer')}</Button>
      </form>
    </section>
  );
}

/** On the staff's payment page: the QR-bill sent, or a button to send one. */
export function StaffQrBill(props: {
  locale: Locale;
  base: string;
  payment: Payment;
  slip: BankSlip | undefined;
  maySend: boolean;
  outcome: string | undefined;
}) {
  const t = bankMessages.translator(props.locale);
  const { payment, slip } = props;
  return (
    <section aria-labelledby="qr-bill">
      <h2 id="qr-bill">{t('payByTransfer')}</h2>
      {props.outcome === 'sent' && <NotificationBanner kind="success">{t('qrBillSent')}</NotificationBanner>}
      {props.outcome === 'unavailable' && (
        <NotificationBanner kind="important">{t('noCreditor')}</NotificationBanner>
      )}
      {slip && (
        <p>
          {t('awaitingTransfer')}. {t('bankReference')}
          {colon(props.locale)} {formatReference(slip.reference)}
        </p>
      )}
      {props.maySend && ['open', 'pending'].includes(payment.status) && (
        <form method="post" action={`${props.base}/${payment.id}/qr-bill`}>
          <CsrfField />
          <p class="field__hint">{t('sendQrBillHint')}</p>
          <Button variant="secondary">{t('sendQrBill')}</Button>
        </form>
      )}
    </section>
  );
}

function outcomeText(t: T, locale: Locale, credit: BankCreditRow, dueCents: number | undefined) {
  const chf = (cents: number) => formatChf(locale, cents);
  if (credit.resolution)
    return t(credit.resolution === 'settled' ? 'resolutionSettled' : 'resolutionWrittenOff');
  switch (credit.outcome) {
    case 'settled':
      return t('outcomeSettled');
    case 'partial':
      return t('outcomePartial', {
        applied: chf(credit.applied_cents),
        due: chf(dueCents ?? credit.applied_cents),
      });
    case 'excess':
      return t('outcomeExcess', { excess: chf(credit.amount_cents - credit.applied_cents) });
    case 'unmatched':
      return t('outcomeUnmatched');
  }
}

export function BankTransfersPage(props: {
  locale: Locale;
  authorityName: string;
  action: string;
  mayReconcile: boolean;
  summary?: ImportSummary;
  resolved?: boolean;
  errors: FieldError[];
  toCheck: BankCreditRow[];
  recent: BankCreditRow[];
  /** What each partially paid fee asks in all, by payment. */
  dues: Map<string, number>;
}) {
  const t = bankMessages.translator(props.locale);
  const locale = props.locale;
  const head = [
    t('bankBookingDate'),
    t('bankAmount'),
    t('bankDebtor'),
    t('bankReference'),
    t('bankRemittance'),
    t('bankOutcome'),
  ];
  const cells = (c: BankCreditRow) => [
    c.booking_date ? formatShortDate(locale, new Date(`${c.booking_date}T12:00:00Z`)) : '—',
    formatChf(locale, c.amount_cents),
    c.debtor_name ?? '—',
    c.reference ? formatReference(c.reference) : '—',
    c.remittance ?? '—',
    outcomeText(t, locale, c, c.payment_id ? props.dues.get(c.payment_id) : undefined),
  ];
  return (
    <>
      <h1>{t('bankTitle', { authority: props.authorityName })}</h1>
      <p class="lead">{t('bankLead')}</p>
      <ErrorSummary errors={props.errors} />
      {props.summary && (
        <NotificationBanner kind="success">
          {t('bankImported', {
            credits: props.summary.credits,
            settled: props.summary.outcomes.settled + props.summary.outcomes.excess,
            known: props.summary.known,
          })}
        </NotificationBanner>
      )}
      {props.resolved && <NotificationBanner kind="success">{t('resolved')}</NotificationBanner>}
      {props.mayReconcile && (
        <form method="post" action={props.action} enctype="multipart/form-data">
          <CsrfField />
          <FieldFrame
            id="camt"
            label={t('bankUploadLabel')}
            hint={t('bankUploadHint')}
            error={props.errors.find((e) => e.field === 'camt')?.message}
          >
            <input
              class="field__input"
              type="file"
              id="camt"
              name="camt"
              accept=".xml,application/xml,text/xml"
              aria-describedby={describedBy('camt', {
                hint: t('bankUploadHint'),
                error: props.errors.find((e) => e.field === 'camt')?.message,
              })}
            />
          </FieldFrame>
          <Button>{t('bankImport')}</Button>
        </form>
      )}
      <h2>{t('bankToCheck')}</h2>
      {props.toCheck.length === 0 ? (
        <p>{t('bankNothingToCheck')}</p>
      ) : (
        <Table
          caption={t('bankToCheck')}
          head={props.mayReconcile ? [...head, t('bankAction')] : head}
          numeric={[1]}
          rows={props.toCheck.map((c) => [
            ...cells(c),
            ...(props.mayReconcile
              ? [
                  <form method="post" action={`${props.action}/${c.id}/resolve`}>
                    <CsrfField />
                    {c.outcome === 'partial' ? (
                      <Button variant="secondary" name="resolution" value="settled">
                        {t('markSettled')}
                      </Button>
                    ) : (
                      <Button variant="secondary" name="resolution" value="written_off">
                        {t('writeOff')}
                      </Button>
                    )}
                  </form>,
                ]
              : []),
          ])}
        />
      )}
      <h2>{t('bankRecent')}</h2>
      {props.recent.length === 0 ? (
        <p>{t('bankNothingToCheck')}</p>
      ) : (
        <Table
          caption={t('bankRecent')}
          head={[...head, t('ledgerAt')]}
          numeric={[1]}
          rows={props.recent.map((c) => [...cells(c), formatDateTime(locale, c.imported_at)])}
        />
      )}
    </>
  );
}

/** On the staff's payments list: bank reconciliation and the daily statement. */
export function BankTools(props: { locale: Locale; slug: string }) {
  const t = bankMessages.translator(props.locale);
  const base = `/back-office/authorities/${props.slug}`;
  return (
    <ul class="list">
      <li>
        <a href={`${base}/bank-transfers`}>{t('toolBank')}</a>
      </li>
      <li>
        <a href={`${base}/payment-statement`}>{t('toolStatement')}</a>
      </li>
    </ul>
  );
}
