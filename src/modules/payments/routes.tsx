import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { can } from '../policy/index.ts';
import { datatrans, type ProviderTransaction } from './datatrans.ts';
import { paymentMessages } from './messages.ts';
import {
  applyTransaction,
  checkout,
  getPayment,
  type Payment,
  paymentOfTransaction,
  paymentsOf,
} from './payments.ts';
import { PaymentPage, PaymentsPage } from './views/payment-pages.tsx';

export const paymentWebhookPath = '/payments/webhooks/datatrans';

export function paymentRoutes(platform: Platform): RouteDef[] {
  const { db, config } = platform;
  const provider = config.payments && datatrans(config.payments);

  /** The payment in the path, for a person who may see the account's payments; else absent. */
  async function visiblePayment(c: RouteContext) {
    const actor = loggedInPerson(c);
    const payment = await getPayment(db, c.req.param('id') ?? '');
    if (!payment) throw notFound();
    const resource = { type: 'account' as const, accountId: payment.account_id };
    if (!(await can(db, actor, 'account.consult', resource)).allowed) throw notFound();
    return { payment, mayPay: (await can(db, actor, 'account.pay', resource)).allowed };
  }

  const render = (c: RouteContext, payment: Payment, mayPay: boolean, providerDown = false) =>
    platform.render(
      c,
      {
        title: paymentMessages.translator(c.var.locale)('paymentTitle', { refno: payment.refno }),
        status: providerDown ? 503 : 200,
        breadcrumbs: [
          { label: paymentMessages.translator(c.var.locale)('paymentsTitle'), href: '/payments' },
        ],
      },
      <PaymentPage
        locale={c.var.locale}
        payment={payment}
        mayPay={mayPay && Boolean(provider)}
        providerDown={providerDown}
      />,
    );

  return [
    {
      method: 'GET',
      path: '/payments',
      access: 'person',
      async handler(c) {
        const actor = loggedInPerson(c);
        const resource = { type: 'account' as const, accountId: actor.account.id };
        const payments = (await can(db, actor, 'account.consult', resource)).allowed
          ? await paymentsOf(db, actor.account.id)
          : [];
        return platform.render(
          c,
          { title: paymentMessages.translator(c.var.locale)('paymentsTitle') },
          <PaymentsPage locale={c.var.locale} payments={payments} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/payments/:id',
      access: 'person',
      async handler(c) {
        let { payment, mayPay } = await visiblePayment(c);
        // Back from the provider (or simply waiting): ask it, rather than trust the redirect.
        if (payment.status === 'pending' && provider && payment.provider_transaction_id) {
          try {
            payment = await applyTransaction(
              db,
              payment,
              await provider.status(payment.provider_transaction_id),
              'checked',
            );
          } catch (error) {
            platform.logger.warn({ err: error, payment: payment.id }, 'payment provider status check failed');
          }
        }
        return render(c, payment, mayPay);
      },
    },
    {
      method: 'POST',
      path: '/payments/:id/checkout',
      access: 'person',
      async handler(c) {
        const { payment, mayPay } = await visiblePayment(c);
        if (!mayPay || !provider) throw notFound();
        try {
          const next = await checkout(db, provider, payment, {
            returnUrl: `${config.publicUrl}/payments/${payment.id}`,
            webhookUrl: `${config.publicUrl}${paymentWebhookPath}`,
            language: c.var.locale,
          });
          return c.redirect('paid' in next ? `/payments/${payment.id}` : next.paymentUrl, 303);
        } catch (error) {
          platform.logger.warn({ err: error, payment: payment.id }, 'payment provider refused the checkout');
          return render(c, (await getPayment(db, payment.id)) ?? payment, mayPay, true);
        }
      },
    },
    {
      method: 'POST',
      path: paymentWebhookPath,
      access: 'machine',
      rateLimit: { bucket: 'payment-webhook', limit: 600, windowSeconds: 60 },
      async handler(c) {
        const raw = await c.req.text();
        if (!provider?.verifies(raw, c.req.header('Datatrans-Signature')))
          return c.json({ error: 'signature' }, 401);
        const transaction = JSON.parse(raw) as ProviderTransaction; // signed by the provider: well-formed
        const payment = await paymentOfTransaction(db, String(transaction.transactionId ?? ''));
        // Not one of ours (another merchant's test, an old sandbox): acknowledged so it is not resent.
        if (!payment) return c.json({ ignored: true });
        await applyTransaction(db, payment, transaction, 'webhook');
        return c.json({ received: true });
      },
    },
  ];
}
