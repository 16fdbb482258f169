import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { csvDateTime, csvFrancs, csvResponse } from '../../platform/http/csv.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { bankTransferPart, staffQrBillPart } from './bank-routes.tsx';
import { checkoutGroup, refreshPending } from './checkout-group.ts';
import { paymentMessages } from './messages.ts';
import { paymentWebhookPath, saferpayNotifyPath } from './notification-routes.ts';
import {
  getPaymentOfAccount,
  getPaymentOfAuthority,
  type Payment,
  paymentEvents,
  paymentsOf,
  paymentsOfAuthority,
  shownReference,
} from './payments.ts';
import { type PaymentMethod, paymentMethods } from './provider.ts';
import { checkout } from './provider-transactions.ts';
import { type ProviderSource, providerOfAuthority, providerOfPayment } from './providers.ts';
import { awaitingTransfer } from './qr-bill-send.ts';
import { refundables, refundsOf, requestRefund } from './refunds.ts';
import type { PaymentStatus } from './tables.ts';
import { BankTools } from './views/bank-pages.tsx';
import { amountOf, PaymentPage, PaymentsPage, statusLabels } from './views/payment-pages.tsx';
import { RefundConfirmPage } from './views/refund-page.tsx';
import { StaffPaymentPage, StaffPaymentsPage } from './views/staff-pages.tsx';

const statuses = Object.keys(statusLabels) as PaymentStatus[];

export function paymentRoutes(platform: Platform): RouteDef[] {
  /** Where the provider notifies: Datatrans posts the transaction; Saferpay calls the payment's address. */
  const notifyUrlOf = (kind: string, payment: Payment) =>
    kind === 'saferpay'
      ? `${platform.config.publicUrl}${saferpayNotifyPath}/${payment.id}`
      : `${platform.config.publicUrl}${paymentWebhookPath}`;

  const { db, config } = platform;
  const source: ProviderSource = { db, config, keys: () => masterKeysFor(config, db) };

  /** The payment in the path, of the account in use, for a person who may see its payments; else absent. */
  async function visiblePayment(c: RouteContext) {
    const actor = loggedInPerson(c);
    const payment = await getPaymentOfAccount(db, actor.account.id, c.req.param('id') ?? '');
    if (!payment) throw notFound();
    const resource = {
      type: 'account' as const,
      accountId: payment.account_id,
      theme: payment.theme ?? undefined,
    };
    if (!(await can(db, actor, 'account.consult', resource)).allowed) throw notFound();
    return { payment, mayPay: (await can(db, actor, 'account.pay', resource)).allowed };
  }

  const render = async (c: RouteContext, payment: Payment, mayPay: boolean, providerDown = false) => {
    const provider = await providerOfAuthority(source, payment.authority_id);
    const group = await checkoutGroup(db, payment.account_id, payment.link);
    const creditor = group.find((fee) => fee.payment.id === payment.id)?.creditor;
    return platform.render(
      c,
      {
        title: paymentMessages.translator(c.var.locale)('paymentTitle', { refno: shownReference(payment) }),
        status: providerDown ? 503 : 200,
        breadcrumbs: [
          { label: paymentMessages.translator(c.var.locale)('paymentsTitle'), href: '/payments' },
        ],
      },
      <PaymentPage
        locale={c.var.locale}
        payment={payment}
        mayPay={mayPay && Boolean(provider)}
        methods={provider?.methods ?? []}
        creditorName={typeof creditor === 'string' ? creditor : creditor && pick(creditor, c.var.locale)}
        siblingsOpen={
          group.filter(
            (fee) => fee.payment.id !== payment.id && ['open', 'pending'].includes(fee.payment.status),
          ).length
        }
        providerDown={providerDown}
        bankTransfer={await bankTransferPart(platform, c, payment, mayPay)}
      />,
    );
  };

  /** The authority in the path, for its staff who may see its payments; else absent. */
  async function staffAuthority(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
    if (!authority || !(await can(db, c.var.actor, 'authority.viewPayments', resource)).allowed)
      throw notFound();
    return {
      authority,
      base: `/back-office/authorities/${authority.slug}/payments`,
      mayRefund: (await can(db, c.var.actor, 'authority.refundPayments', resource)).allowed,
    };
  }

  async function staffPayment(c: RouteContext) {
    const staff = await staffAuthority(c);
    const payment = await getPaymentOfAuthority(db, staff.authority.id, c.req.param('id') ?? '');
    if (!payment) throw notFound(); // another authority's: absent
    return { ...staff, payment };
  }

  async function renderStaffPayment(c: RouteContext, errors: FieldError[] = []) {
    const { base, payment, mayRefund } = await staffPayment(c);
    return platform.render(
      c,
      {
        title: paymentMessages.translator(c.var.locale)('paymentTitle', { refno: shownReference(payment) }),
        status: errors.length > 0 ? 422 : 200,
        breadcrumbs: [{ label: paymentMessages.translator(c.var.locale)('paymentsTitle'), href: base }],
      },
      <StaffPaymentPage
        locale={c.var.locale}
        base={base}
        payment={payment}
        events={await paymentEvents(db, payment.authority_id, payment.id)}
        refundables={await refundables(db, payment)}
        refunds={await refundsOf(db, payment.authority_id, payment.id)}
        mayRefund={mayRefund && Boolean(await providerOfPayment(source, payment))}
        refundRequested={c.req.query('refund') === 'requested'}
        errors={errors}
        qrBill={await staffQrBillPart(platform, c, payment, base)}
      />,
    );
  }

  /** The refund asked (a transaction of the payment, an amount up to what is left of it), or why not. */
  async function refundAsked(
    c: RouteContext,
    transactionId: string | undefined,
    typedAmount: (transactionId: string) => string | undefined,
  ) {
    const { base, payment, mayRefund } = await staffPayment(c);
    if (!mayRefund || !(await providerOfPayment(source, payment))) throw notFound();
    const target = (await refundables(db, payment)).find((r) => r.transactionId === transactionId);
    if (!target) throw notFound();
    const typed = (typedAmount(target.transactionId) ?? '').trim();
    const amountCents = /^\d{1,7}([.,]\d{1,2})?$/.test(typed)
      ? Math.round(Number(typed.replace(',', '.')) * 100)
      : Number.NaN;
    if (!(amountCents >= 1 && amountCents <= target.settledCents - target.refundedCents)) {
      const message = paymentMessages.translator(c.var.locale)('refundRefused');
      return { errors: [{ field: `amount-${target.transactionId}`, message }] };
    }
    return { base, payment, transactionId: target.transactionId, amountCents };
  }

  function renderRefundConfirm(
    c: RouteContext,
    asked: { base: string; payment: Payment; transactionId: string; amountCents: number },
    reason: string,
    errors: FieldError[],
  ) {
    const t = paymentMessages.translator(c.var.locale);
    return platform.render(
      c,
      {
        title: t('refundConfirmTitle', {
          amount: amountOf(c.var.locale, { ...asked.payment, amount_cents: asked.amountCents }),
          reference: shownReference(asked.payment),
        }),
        status: errors.length > 0 ? 422 : 200,
        breadcrumbs: [
          { label: t('paymentsTitle'), href: asked.base },
          { label: shownReference(asked.payment), href: `${asked.base}/${asked.payment.id}` },
        ],
      },
      <RefundConfirmPage locale={c.var.locale} {...asked} reason={reason} errors={errors} />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/payments',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, base } = await staffAuthority(c);
        const status = statuses.find((s) => s === c.req.query('status'));
        const authorityName = pick(authority.names, c.var.locale, authority.languages);
        return platform.render(
          c,
          { title: paymentMessages.translator(c.var.locale)('staffTitle', { authority: authorityName }) },
          <StaffPaymentsPage
            locale={c.var.locale}
            authorityName={authorityName}
            base={base}
            status={status ?? ''}
            payments={await paymentsOfAuthority(db, authority.id, status)}
            mayManage={
              (
                await can(db, c.var.actor, 'authority.managePayments', {
                  type: 'authority',
                  authorityId: authority.id,
                })
              ).allowed
            }
            tools={<BankTools locale={c.var.locale} slug={authority.slug} />}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/payments/export.csv',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority } = await staffAuthority(c);
        const rows = await paymentsOfAuthority(db, authority.id);
        const t = paymentMessages.translator(c.var.locale);
        // For the accounting's spreadsheet: `;`, BOM, local times, francs and words (like the requests' CSV).
        return csvResponse(
          c,
          `payments-${authority.slug}.csv`,
          [
            t('csvReference'),
            t('csvRefno'),
            t('csvStatus'),
            t('csvAmount'),
            t('csvRefunded'),
            t('csvPaidAt'),
            t('csvTransaction'),
            t('csvPurpose'),
            t('csvToCheck'),
          ],
          rows.map((p) => [
            shownReference(p),
            p.refno,
            t(statusLabels[p.status]),
            csvFrancs(p.amount_cents),
            csvFrancs(p.refunded_cents),
            p.paid_at ? csvDateTime(p.paid_at) : null,
            p.provider_transaction_id,
            pick(p.purpose, c.var.locale),
            Number(p.flags) > 0 ? t('csvYes') : '',
          ]),
          { spreadsheet: true },
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/payments/:id',
      access: 'staff',
      object: 'decided',
      handler: (c) => renderStaffPayment(c),
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/payments/:id/refund',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const asked = await refundAsked(c, c.req.query('transactionId'), (id) => c.req.query(`amount-${id}`));
        if ('errors' in asked) return renderStaffPayment(c, asked.errors);
        return renderRefundConfirm(c, asked, '', []);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/payments/:id/refund',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const posted = await c.req.parseBody();
        const asked = await refundAsked(c, String(posted.transactionId ?? ''), () =>
          String(posted.amount ?? ''),
        );
        if ('errors' in asked) return renderStaffPayment(c, asked.errors);
        const reason = String(posted.reason ?? '').trim();
        const t = paymentMessages.translator(c.var.locale);
        if (!reason || reason.length > 1000)
          return renderRefundConfirm(c, asked, reason, [
            { field: 'reason', message: t('refundReasonMissing') },
          ]);
        const outcome = await requestRefund(db, asked.payment.authority_id, asked.payment.id, {
          transactionId: asked.transactionId,
          amountCents: asked.amountCents,
          actor: `person:${loggedInPerson(c).id}`,
          reason,
        });
        if (outcome === 'too_much')
          return renderStaffPayment(c, [
            { field: `amount-${asked.transactionId}`, message: t('refundRefused') },
          ]);
        return c.redirect(`${asked.base}/${asked.payment.id}?refund=requested`, 303);
      },
    },
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
          <PaymentsPage
            locale={c.var.locale}
            payments={payments}
            awaitingTransfer={
              await awaitingTransfer(
                db,
                payments.map((p) => p.id),
              )
            }
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/payments/:id',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const visible = await visiblePayment(c);
        const payment = await refreshPending(db, source, visible.payment, (error) =>
          platform.logger.warn(
            { err: error, payment: visible.payment.id },
            'payment provider status check failed',
          ),
        );
        return render(c, payment, visible.mayPay);
      },
    },
    {
      method: 'POST',
      path: '/payments/:id/checkout',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { payment, mayPay } = await visiblePayment(c);
        const provider = await providerOfAuthority(source, payment.authority_id);
        if (!mayPay || !provider) throw notFound();
        const posted = await c.req.parseBody();
        const method = paymentMethods.find((m) => m === posted.method && provider.methods.includes(m));
        // Back to where the person started: one fee's page, or the checkout of several.
        const back =
          typeof posted.back === 'string' && /^\/payments\/[\w/?=&%.-]*$/.test(posted.back)
            ? posted.back
            : `/payments/${payment.id}`;
        try {
          const next = await checkout(db, provider, payment, {
            returnUrl: `${config.publicUrl}${back}`,
            notifyUrl: notifyUrlOf(provider.kind, payment),
            language: c.var.locale,
            actor: `person:${loggedInPerson(c).id}`,
            method: method as PaymentMethod | undefined,
            description: pick(payment.purpose, c.var.locale),
          });
          return c.redirect('paid' in next ? back : next.paymentUrl, 303);
        } catch (error) {
          platform.logger.warn({ err: error, payment: payment.id }, 'payment provider refused the checkout');
          return render(
            c,
            (await getPaymentOfAccount(db, payment.account_id, payment.id)) ?? payment,
            mayPay,
            true,
          );
        }
      },
    },
  ];
}
