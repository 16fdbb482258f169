import { formatChf } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { ConfirmAction } from '../../../platform/views/components/confirm-action.tsx';
import { isUnsettled, type Payment } from '../../payments/index.ts';
import type { Case } from '../cases.ts';
import { caseMessages } from '../messages.ts';

/**
 * Asks before a request is withdrawn, and says the truth about its fees: a withdrawn request ends, so
 * its unpaid fees are cancelled (`cancelUnpaid`), while fees already paid stay paid until the
 * authority's staff decide to refund them.
 */
export function WithdrawPage(props: { locale: Locale; item: Case; payments: Payment[] }) {
  const t = caseMessages.translator(props.locale);
  const base = `/requests/${props.item.id}`;
  const paidCents = props.payments
    .filter((p) => p.status === 'paid')
    .reduce((sum, p) => sum + p.amount_cents - p.refunded_cents, 0);
  return (
    <ConfirmAction
      title={t('withdrawTitle', { reference: props.item.reference })}
      consequences={[
        t('withdrawEffect'),
        ...(props.payments.some(isUnsettled) ? [t('withdrawUnpaid')] : []),
        ...(paidCents > 0 ? [t('withdrawPaid', { amount: formatChf(props.locale, paidCents) })] : []),
      ]}
      action={`${base}/withdraw`}
      confirmLabel={t('withdrawConfirm')}
      cancelHref={base}
      cancelLabel={t('withdrawCancel')}
    />
  );
}
