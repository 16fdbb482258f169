import type { Locale } from '../../../platform/i18n/locales.ts';
import { ConfirmAction } from '../../../platform/views/components/confirm-action.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { paymentMessages } from '../messages.ts';
import { type Payment, shownReference } from '../payments.ts';
import { amountOf } from './payment-pages.tsx';

/** Asks before money is given back, with the reason staff must give (kept with the refund, audited). */
export function RefundConfirmPage(props: {
  locale: Locale;
  base: string;
  payment: Payment;
  transactionId: string;
  amountCents: number;
  reason: string;
  errors: FieldError[];
}) {
  const t = paymentMessages.translator(props.locale);
  const { payment } = props;
  const amount = amountOf(props.locale, { ...payment, amount_cents: props.amountCents });
  const error = props.errors.find((e) => e.field === 'reason')?.message;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <ConfirmAction
        title={t('refundConfirmTitle', { amount, reference: shownReference(payment) })}
        consequences={[t('refundConfirmEffect')]}
        action={`${props.base}/${payment.id}/refund`}
        confirmLabel={t('refundConfirm')}
        cancelHref={`${props.base}/${payment.id}`}
        cancelLabel={t('refundCancel')}
      >
        <input type="hidden" name="transactionId" value={props.transactionId} />
        <input type="hidden" name="amount" value={(props.amountCents / 100).toFixed(2)} />
        <div class={error ? 'field field--error' : 'field'}>
          <label class="field__label" for="reason">
            {t('refundReason')}
          </label>
          <p class="field__hint" id="reason-hint">
            {t('refundReasonHint')}
          </p>
          {error && (
            <p class="field__error" id="reason-error">
              {error}
            </p>
          )}
          <textarea
            class="field__input"
            id="reason"
            name="reason"
            rows={3}
            maxlength={1000}
            required
            aria-describedby={error ? 'reason-hint reason-error' : 'reason-hint'}
          >
            {props.reason}
          </textarea>
        </div>
      </ConfirmAction>
    </>
  );
}
