import { z } from 'zod';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { apiRoute, created, ok } from '../../platform/http/api/api-route.ts';
import { notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { recordAccess } from '../accounts/index.ts';
import { getForm } from '../forms/index.ts';
import { type Payment, paymentsFrom, requestPayment } from '../payments/index.ts';
import { can } from '../policy/index.ts';
import { apiActorName } from './api-case.ts';
import { recordEvent } from './cases.ts';
import { getCaseOfAuthority } from './get-case.ts';

const payment = z.object({
  id: z.uuid(),
  status: z.enum(['open', 'pending', 'paid', 'refunded', 'cancelled']),
  amountCents: z.number().int(),
  currency: z.string(),
  purpose: z.object({ fr: z.string(), de: z.string().optional(), en: z.string().optional() }),
  reference: z.string().nullable(),
  requestedAt: z.iso.datetime({ offset: true }),
  paidAt: z.iso.datetime({ offset: true }).nullable(),
});
const paymentOut = (p: Payment) => ({
  id: p.id,
  status: p.status,
  amountCents: p.amount_cents,
  currency: p.currency,
  purpose: p.purpose,
  reference: p.reference,
  requestedAt: p.created_at.toISOString(),
  paidAt: p.paid_at?.toISOString() ?? null,
});

/** Fees a business application asks on a request, through the payments module, and their state. */
export function apiPaymentRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  /** The authority's request, if the policy lets the application do `action` with payments; else absent. */
  const requestFor = async (
    actor: ApiClientActor,
    id: string,
    action: 'integration.askPayments' | 'integration.readPayments',
  ) => {
    const item = await getCaseOfAuthority(db, actor.authorityId, id);
    const decision = await can(db, actor, action, { type: 'authority', authorityId: actor.authorityId });
    if (!item || !decision.allowed) throw notFound();
    return item;
  };
  const params = z.object({ id: z.uuid() });
  return [
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/requests/:id/payments',
      operationId: 'askFee',
      summary: 'Asks the requester to pay a fee for the request (online, in their account)',
      tag: 'Payments',
      scope: 'payments:write',
      object: 'decided',
      params,
      body: z.object({
        amountCents: z.number().int().positive().max(100_000_000),
        purpose: z.object({
          fr: z.string().min(1).max(200),
          de: z.string().max(200).optional(),
          en: z.string().max(200).optional(),
        }),
      }),
      responses: { 201: payment },
      errors: [404],
      async handle({ actor, params, body, c }) {
        const item = await requestFor(actor, params.id, 'integration.askPayments');
        const theme = (await getForm(db, item.form_id))?.theme ?? null;
        const name = await apiActorName(db, actor);
        const asked = await db.transaction().execute(async (tx) => {
          const made = await requestPayment(tx, {
            authorityId: item.authority_id,
            accountId: item.account_id,
            purpose: body.purpose,
            reference: item.reference,
            amountCents: body.amountCents,
            // Under the request's sources, so that its page lists it with the workflow's own fees.
            source: `case:${item.id}:api:${actor.id}:${c.req.header('Idempotency-Key') ?? ''}`,
            link: `/requests/${item.id}`,
            theme,
          });
          await recordEvent(
            tx,
            item,
            { ref: `api:${actor.id}`, name },
            { kind: 'payment', text: String(made.amount_cents) },
          );
          return made;
        });
        return created(paymentOut(asked));
      },
    }),
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/requests/:id/payments',
      operationId: 'listRequestPayments',
      summary: 'The fees asked on a request and where each stands (open, paid, refunded…)',
      tag: 'Payments',
      scope: 'payments:read',
      object: 'decided',
      params,
      responses: { 200: z.object({ items: z.array(payment) }) },
      errors: [404],
      async handle({ actor, params }) {
        const item = await requestFor(actor, params.id, 'integration.readPayments');
        const payments = await paymentsFrom(db, actor.authorityId, `case:${item.id}:`);
        // What the requester paid, and when, leaves with the application: their log says so.
        await recordAccess(db, {
          accountId: item.account_id,
          person: { id: actor.id, name: await apiActorName(db, actor) },
          via: 'api',
          authorityId: actor.authorityId,
          action: 'payments.readThroughApi',
          subject: { type: 'request', id: item.id, label: item.reference },
        });
        return ok({ items: payments.map(paymentOut) });
      },
    }),
  ];
}
