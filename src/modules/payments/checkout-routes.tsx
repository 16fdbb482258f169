import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { can } from '../policy/index.ts';
import { checkoutGroup, refreshPending } from './checkout-group.ts';
import { paymentMessages } from './messages.ts';
import { isUnsettled } from './payments.ts';
import { type ProviderSource, providerOfAuthority } from './providers.ts';
import { CheckoutPage } from './views/checkout-page.tsx';

/**
 * One checkout for the fees of one procedure, paid to several creditors in one sitting. Listed before
 * `/payments/:id`, which would otherwise take `checkout` for a payment's id.
 */
export function checkoutRoutes(platform: Platform): RouteDef[] {
  const { db, config } = platform;
  const source: ProviderSource = { db, config, keys: () => masterKeysFor(config, db) };
  return [
    {
      method: 'GET',
      path: '/payments/checkout',
      access: 'person',
      async handler(c) {
        const actor = loggedInPerson(c);
        const link = c.req.query('for') ?? '';
        const fees = [];
        for (const fee of await checkoutGroup(db, actor.account.id, link)) {
          const resource = {
            type: 'account' as const,
            accountId: fee.payment.account_id,
            theme: fee.payment.theme ?? undefined,
          };
          if (!(await can(db, actor, 'account.pay', resource)).allowed) continue;
          const payment = await refreshPending(db, source, fee.payment, (error) =>
            platform.logger.warn(
              { err: error, payment: fee.payment.id },
              'payment provider status check failed',
            ),
          );
          fees.push({ ...fee, payment });
        }
        const next = fees.find((fee) => isUnsettled(fee.payment));
        const provider = next && (await providerOfAuthority(source, next.payment.authority_id));
        return platform.render(
          c,
          {
            title: paymentMessages.translator(c.var.locale)('checkoutTitle'),
            breadcrumbs: [
              { label: paymentMessages.translator(c.var.locale)('paymentsTitle'), href: '/payments' },
            ],
          },
          <CheckoutPage
            locale={c.var.locale}
            fees={fees}
            nextMethods={provider?.methods ?? []}
            back={`/payments/checkout?for=${encodeURIComponent(link)}`}
          />,
        );
      },
    },
  ];
}
