import type { Db } from '../../platform/database/database.ts';
import { tablesOf } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { paymentSettingsOf } from './payment-settings.ts';
import type { Payment } from './payments.ts';
import { applyTransaction } from './provider-transactions.ts';
import { type ProviderSource, providerOfPayment } from './providers.ts';
import type { PaymentsTables, ProviderKind } from './tables.ts';

/** One fee of a checkout, with who it is paid to and through which provider. */
export interface CheckoutFee {
  payment: Payment;
  /** The creditor's name as its settings give it, else the authority's name. */
  creditor: string | LocalisedText;
  provider: ProviderKind | undefined;
}

/**
 * The fees of one procedure (everything asked with the same `link`, e.g. one request) for an account,
 * in the order they were asked — the cantonal and communal fees of one request, each to its own
 * authority. Cancelled ones are left out: there is nothing to pay for them.
 */
export async function checkoutGroup(db: Db, accountId: string, link: string): Promise<CheckoutFee[]> {
  const payments = await tablesOf<PaymentsTables>(db)
    .selectFrom('payments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('link', '=', link)
    .where('status', '!=', 'cancelled')
    .orderBy('created_at')
    .orderBy('refno')
    .execute();
  const fees: CheckoutFee[] = [];
  for (const payment of payments) {
    const settings = await paymentSettingsOf(db, payment.authority_id);
    const authority = settings ? undefined : await getAuthorityById(db, payment.authority_id);
    fees.push({
      payment,
      creditor: settings?.creditor.name ?? authority?.names ?? '',
      provider: settings?.provider ?? payment.provider ?? undefined,
    });
  }
  return fees;
}

/**
 * Asks the provider about a payment waiting for it (back from its page, or simply waiting), rather than
 * trust the redirect; what it says is recorded. A provider that does not answer leaves it waiting.
 */
export async function refreshPending(
  db: Db,
  source: ProviderSource,
  payment: Payment,
  onError: (error: unknown) => void,
): Promise<Payment> {
  if (payment.status !== 'pending' || !payment.provider_transaction_id) return payment;
  const provider = await providerOfPayment(source, payment);
  if (!provider) return payment;
  try {
    return await applyTransaction(
      db,
      payment,
      await provider.status(payment.provider_transaction_id),
      'checked',
    );
  } catch (error) {
    onError(error);
    return payment;
  }
}
