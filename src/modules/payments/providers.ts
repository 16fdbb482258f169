import type { Config } from '../../platform/config/config.ts';
import type { MasterKey } from '../../platform/crypto/master-keys.ts';
import type { Db } from '../../platform/database/database.ts';
import { datatrans } from './datatrans.ts';
import { type Merchant, merchantOf } from './payment-settings.ts';
import type { Payment } from './payments.ts';
import type { PaymentProvider } from './provider.ts';
import { saferpay } from './saferpay.ts';

/** What finding an authority's provider needs: its settings, the keys that open its secrets, endpoints. */
export interface ProviderSource {
  db: Db;
  config: Pick<Config, 'payments' | 'paymentEndpoints'>;
  keys: () => Promise<MasterKey[]>;
}

/** The client of one merchant account at its provider. */
export function providerOfMerchant(
  merchant: Merchant,
  endpoints: Config['paymentEndpoints'],
): PaymentProvider {
  if (merchant.provider === 'saferpay') return saferpay(merchant, endpoints.saferpay);
  return datatrans({ ...endpoints.datatrans, ...merchant });
}

/**
 * The provider an authority's fees are paid through: its own merchant, else the platform's Datatrans
 * merchant where one is configured (as before authorities had their own); none: it cannot take payments.
 */
export async function providerOfAuthority(
  source: ProviderSource,
  authorityId: string,
): Promise<PaymentProvider | undefined> {
  const merchant = await merchantOf(source.db, await source.keys(), authorityId);
  if (merchant) return providerOfMerchant(merchant, source.config.paymentEndpoints);
  return source.config.payments && datatrans(source.config.payments);
}

/**
 * The provider that took a payment's attempt (`kind`: recorded with it), to ask about it or refund it:
 * the authority's own merchant at that provider, else — a Datatrans attempt made before — the platform's.
 */
export async function providerOfPayment(
  source: ProviderSource,
  payment: Pick<Payment, 'authority_id' | 'provider'>,
  kind: string | null = payment.provider,
): Promise<PaymentProvider | undefined> {
  const own = await providerOfAuthority(source, payment.authority_id);
  if (own && (kind === null ? own.kind === 'datatrans' : own.kind === kind)) return own;
  return (kind ?? 'datatrans') === 'datatrans' && source.config.payments
    ? datatrans(source.config.payments)
    : undefined;
}
