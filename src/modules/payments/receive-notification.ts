import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Payment } from './payments.ts';
import { applyTransaction, paymentOfTransaction } from './provider-transactions.ts';
import { type ProviderSource, providerOfPayment } from './providers.ts';
import type { PaymentsTables } from './tables.ts';
import { firstDelivery, forgetDelivery, processedDelivery } from './webhook-deliveries.ts';

/**
 * The payment a notification names. Tenant-free on purpose: the provider knows payments, not
 * authorities, and nothing it says is believed before the provider is asked.
 */
async function notifiedPayment(db: Db, paymentId: string): Promise<Payment | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(paymentId)) return undefined;
  return tablesOf<PaymentsTables>(db)
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirst();
}

export type NotificationOutcome = 'received' | 'ignored' | 'invalid' | 'stale' | 'replay';

/**
 * A provider's word that a transaction changed, believed only as its integration guide says: a
 * Datatrans webhook by its signature (with the key of the merchant that took the transaction; fresh,
 * and once), a Saferpay notification — which carries nothing — by asserting the payment's attempt at
 * Saferpay. Either way the payment follows what the provider says, once, whatever the order.
 */
export async function receiveNotification(
  db: Db,
  source: ProviderSource,
  notice:
    | { provider: 'datatrans'; rawBody: string; signature: string | undefined }
    | { provider: 'saferpay'; paymentId: string },
  now: Date,
): Promise<NotificationOutcome> {
  if (notice.provider === 'saferpay') {
    const payment = await notifiedPayment(db, notice.paymentId);
    const provider = payment && (await providerOfPayment(source, payment, 'saferpay'));
    if (!payment?.provider_transaction_id || !provider) return 'ignored';
    const told = await provider.notification(
      { rawBody: '', transactionId: payment.provider_transaction_id },
      now,
    );
    if (typeof told === 'string') return told;
    await applyTransaction(db, payment, told.transaction, 'webhook');
    return 'received';
  }
  // Unverified yet: only to know whose merchant key should have signed it.
  const claimed = (() => {
    try {
      return String((JSON.parse(notice.rawBody) as { transactionId?: unknown }).transactionId ?? '');
    } catch {
      return '';
    }
  })();
  const payment: Payment | undefined = claimed ? await paymentOfTransaction(db, claimed) : undefined;
  const provider = await providerOfPayment(
    source,
    payment ?? { authority_id: '00000000-0000-0000-0000-000000000000', provider: null },
    'datatrans',
  );
  if (!provider) return 'invalid';
  const told = await provider.notification({ rawBody: notice.rawBody, signature: notice.signature }, now);
  if (typeof told === 'string') return told;
  if (told.signature && !(await firstDelivery(db, told.signature.value, told.signature.signedAt, now)))
    return 'replay';
  // Not one of ours (another merchant's test, an old sandbox): acknowledged so it is not resent.
  if (!payment) {
    if (told.signature) await processedDelivery(db, told.signature.value);
    return 'ignored';
  }
  try {
    await applyTransaction(db, payment, told.transaction, 'webhook');
    if (told.signature) await processedDelivery(db, told.signature.value);
    return 'received';
  } catch (error) {
    if (told.signature) await forgetDelivery(db, told.signature.value);
    throw error;
  }
}
