import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { apiRoute, created, ok } from '../../platform/http/api/api-route.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { issuingContextOf } from '../signing/index.ts';
import { bankMessages } from './bank-messages.ts';
import { CamtError } from './camt.ts';
import {
  creditsToCheck,
  type ImportSummary,
  importCamt,
  recentCredits,
  resolveBankCredit,
} from './camt-import.ts';
import { getPaymentOfAccount, getPaymentOfAuthority, type Payment } from './payments.ts';
import { bankSlipOf, sendQrBill } from './qr-bill-send.ts';
import { BankTransferChoice, BankTransfersPage, StaffQrBill } from './views/bank-pages.tsx';

/** The largest camt.054 file taken: a day of a busy commune's credits is far below it. */
export const camtMaxBytes = 20 * 1024 * 1024;

/** The "pay by bank transfer" part of the person's payment page. */
export async function bankTransferPart(
  platform: Platform,
  c: RouteContext,
  payment: Payment,
  mayPay: boolean,
): Promise<Child> {
  return (
    <BankTransferChoice
      locale={c.var.locale}
      payment={payment}
      slip={await bankSlipOf(platform.db, payment.authority_id, payment.id)}
      mayPay={mayPay}
      refused={c.req.query('qrBill') === 'unavailable'}
    />
  );
}

/** The QR-bill part of the staff's payment page. */
export async function staffQrBillPart(
  platform: Platform,
  c: RouteContext,
  payment: Payment,
  base: string,
): Promise<Child> {
  const resource = { type: 'authority' as const, authorityId: payment.authority_id };
  return (
    <StaffQrBill
      locale={c.var.locale}
      base={base}
      payment={payment}
      slip={await bankSlipOf(platform.db, payment.authority_id, payment.id)}
      maySend={(await can(platform.db, c.var.actor, 'authority.sendQrBills', resource)).allowed}
      outcome={c.req.query('qrBill')}
    />
  );
}

/** QR-bills (the person's choice, staff sending one) and bank reconciliation (upload, API, resolving). */
const importSummarySchema = z.object({
  messageId: z.string(),
  credits: z.number().int().describe('Credits seen for the first time.'),
  known: z.number().int().describe('Credits imported before: nothing done again.'),
  skipped: z.number().int().describe('Debits, pending entries and reversals, left aside.'),
  outcomes: z.object({
    settled: z.number().int(),
    partial: z.number().int(),
    excess: z.number().int(),
    unmatched: z.number().int(),
  }),
});

export function bankRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The authority in the path, for its staff who may see its payments; else absent. */
  async function staffAuthority(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
    if (!authority || !(await can(db, c.var.actor, 'authority.viewPayments', resource)).allowed)
      throw notFound();
    return {
      authority,
      action: `/back-office/authorities/${authority.slug}/bank-transfers`,
      mayReconcile: (await can(db, c.var.actor, 'authority.reconcilePayments', resource)).allowed,
    };
  }

  async function renderBank(
    c: RouteContext,
    page: { summary?: ImportSummary; resolved?: boolean; errors?: FieldError[] } = {},
  ) {
    const { authority, action, mayReconcile } = await staffAuthority(c);
    const authorityName = pick(authority.names, c.var.locale, authority.languages);
    const toCheck = await creditsToCheck(db, authority.id);
    const dues = new Map<string, number>();
    for (const credit of toCheck)
      if (credit.payment_id && !dues.has(credit.payment_id)) {
        const payment = await getPaymentOfAuthority(db, authority.id, credit.payment_id);
        if (payment) dues.set(payment.id, payment.amount_cents);
      }
    const errors = page.errors ?? [];
    return platform.render(
      c,
      {
        title: bankMessages.translator(c.var.locale)('bankTitle', { authority: authorityName }),
        status: errors.length > 0 ? 422 : 200,
      },
      <BankTransfersPage
        locale={c.var.locale}
        authorityName={authorityName}
        action={action}
        mayReconcile={mayReconcile}
        summary={page.summary}
        resolved={page.resolved}
        errors={errors}
        toCheck={toCheck}
        recent={await recentCredits(db, authority.id)}
        dues={dues}
      />,
    );
  }

  return [
    {
      method: 'POST',
      path: '/payments/:id/bank-transfer',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const payment = await getPaymentOfAccount(db, actor.account.id, c.req.param('id') ?? '');
        const resource = payment && {
          type: 'account' as const,
          accountId: payment.account_id,
          theme: payment.theme ?? undefined,
        };
        if (!payment || !resource || !(await can(db, actor, 'account.pay', resource)).allowed)
          throw notFound();
        const sent = await sendQrBill(await issuingContextOf(platform), payment, {
          actor: `person:${actor.id}`,
          locale: c.var.locale,
        });
        const outcome = sent === 'noCreditor' || sent === 'notChf' ? '?qrBill=unavailable' : '';
        return c.redirect(`/payments/${payment.id}${outcome}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/payments/:id/qr-bill',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
        const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
        if (!authority || !(await can(db, c.var.actor, 'authority.sendQrBills', resource)).allowed)
          throw notFound();
        const payment = await getPaymentOfAuthority(db, authority.id, c.req.param('id') ?? '');
        if (!payment) throw notFound();
        const sent = await sendQrBill(await issuingContextOf(platform), payment, {
          actor: `person:${loggedInPerson(c).id}`,
          // The person reads it in the authority's first language, as its letters.
          locale: authority.languages[0] ?? c.var.locale,
        });
        const outcome = typeof sent === 'string' ? (sent === 'settled' ? '' : 'unavailable') : 'sent';
        const base = `/back-office/authorities/${authority.slug}/payments`;
        return c.redirect(`${base}/${payment.id}${outcome && `?qrBill=${outcome}`}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bank-transfers',
      access: 'staff',
      object: 'decided',
      handler: (c) => renderBank(c, { resolved: c.req.query('resolved') === '1' }),
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bank-transfers',
      access: 'staff',
      object: 'decided',
      maxBodyBytes: camtMaxBytes + 64 * 1024,
      async handler(c) {
        const { authority, mayReconcile } = await staffAuthority(c);
        if (!mayReconcile) throw notFound();
        const t = bankMessages.translator(c.var.locale);
        const form = await c.req.parseBody();
        const file = form.camt instanceof File && form.camt.size > 0 ? form.camt : undefined;
        if (!file) return renderBank(c, { errors: [{ field: 'camt', message: t('bankFileMissing') }] });
        try {
          const summary = await importCamt(db, await file.text(), {
            authorityId: authority.id,
            actor: `person:${loggedInPerson(c).id}`,
          });
          return renderBank(c, { summary });
        } catch (error) {
          if (!(error instanceof CamtError)) throw error;
          return renderBank(c, {
            errors: [{ field: 'camt', message: t('bankMalformed', { detail: error.message }) }],
          });
        }
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bank-transfers/:credit/resolve',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, action, mayReconcile } = await staffAuthority(c);
        if (!mayReconcile) throw notFound();
        const resolution = (await c.req.parseBody()).resolution;
        if (resolution !== 'settled' && resolution !== 'written_off') throw notFound();
        const outcome = await resolveBankCredit(db, authority.id, c.req.param('credit') ?? '', {
          resolution,
          actor: `person:${loggedInPerson(c).id}`,
        });
        if (outcome === 'refused') throw notFound();
        return c.redirect(`${action}?resolved=1`, 303);
      },
    },
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/bank-notifications',
      operationId: 'importBankNotification',
      summary: 'Import a bank’s camt.054 credit notification',
      description:
        'The ISO 20022 camt.054 file the bank sends (versions 04 and 08), as it is. Credits with a ' +
        'QR or Creditor Reference settle the matching payments of this authority; a file imported ' +
        'before does nothing again (201 when new credits were booked, 200 otherwise).',
      tag: 'Payments',
      scope: 'payments:write',
      object: 'decided',
      maxBodyBytes: camtMaxBytes,
      rawBody: {
        mediaTypes: ['application/xml', 'text/xml'],
        description: 'A camt.054 document (ISO 20022), UTF-8.',
      },
      responses: { 200: importSummarySchema, 201: importSummarySchema },
      errors: [413, 415, 422],
      async handle({ actor, raw }) {
        const resource = { type: 'authority' as const, authorityId: actor.authorityId };
        if (!(await can(db, actor, 'integration.importBankNotifications', resource)).allowed)
          throw new HttpError(403, 'forbidden');
        try {
          const summary = await importCamt(db, new TextDecoder().decode(raw?.bytes), {
            authorityId: actor.authorityId,
            actor: `api:${actor.id}`,
          });
          return summary.credits > 0 ? created(summary) : ok(summary);
        } catch (error) {
          if (!(error instanceof CamtError)) throw error;
          throw new HttpError(422, 'invalid_camt054', error.message);
        }
      },
    }),
  ];
}
