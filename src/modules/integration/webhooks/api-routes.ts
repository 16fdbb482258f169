import { z } from 'zod';
import { eventTypes } from '../../../platform/events/emit-event.ts';
import { apiRoute, created, ok } from '../../../platform/http/api/api-route.ts';
import { notFound } from '../../../platform/http/http-error.ts';
import type { RouteDef } from '../../../platform/http/route.ts';
import type { Platform } from '../../../platform/module.ts';
import { allowInOwnAuthority } from '../allow-in-own-authority.ts';
import { idParams, timestamp } from '../api-schemas.ts';
import { sendTestEvent } from './delivery-log.ts';
import { createEndpoint, type Endpoint, getEndpoint, listEndpoints } from './endpoints.ts';

const endpoint = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(eventTypes)),
  formIds: z.array(z.uuid()).nullable().describe('Only requests of these forms; null: all.'),
  createdAt: timestamp,
  failingSince: timestamp.nullable().describe('Every attempt has failed since then.'),
  disabledAt: timestamp
    .nullable()
    .describe('Disabled after three days of failures; enabled again in the back office.'),
});
const newEndpoint = z.object({
  url: z
    .string()
    .max(2000)
    .regex(/^https?:\/\/[^\s/]+\S*$/)
    .describe('Where the signed events are posted.'),
  events: z.array(z.enum(eventTypes)).min(1),
  description: z.string().max(200).optional(),
  formIds: z.array(z.uuid()).optional().describe('Only requests of these forms (services).'),
});

const endpointOut = (e: Endpoint) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events as (typeof eventTypes)[number][],
  formIds: e.form_ids,
  createdAt: e.created_at.toISOString(),
  failingSince: e.failing_since?.toISOString() ?? null,
  disabledAt: e.disabled_at?.toISOString() ?? null,
});

/** `/api/v1/webhook-endpoints`: a business application subscribes to its own authority's events. */
export function webhookApiRoutes(platform: Platform): RouteDef[] {
  const { db, secrets } = platform;
  const deps = { db, secrets, now: platform.now };
  return [
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/webhook-endpoints',
      operationId: 'createWebhookEndpoint',
      summary: 'Subscribes an endpoint to events (Standard Webhooks)',
      description:
        'Events are posted with `webhook-id`, `webhook-timestamp` and `webhook-signature` ' +
        '(`v1,<base64 HMAC-SHA256 of id.timestamp.body>` under the secret, which is answered here once), ' +
        'retried for about 28 hours.',
      tag: 'Webhooks',
      scope: 'webhooks:write',
      object: 'decided',
      body: newEndpoint,
      responses: { 201: endpoint.extend({ secret: z.string().regex(/^whsec_/) }) },
      async handle({ actor, body }) {
        await allowInOwnAuthority(db, actor, 'integration.manageWebhooks');
        const made = await createEndpoint(db, secrets, `api:${actor.id}`, {
          authorityId: actor.authorityId,
          ...body,
        });
        return created({ ...endpointOut(made.endpoint), secret: made.secret });
      },
    }),
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/webhook-endpoints',
      operationId: 'listWebhookEndpoints',
      summary: 'The authority’s webhook endpoints (without their secrets)',
      tag: 'Webhooks',
      scope: 'webhooks:read',
      object: 'decided',
      responses: { 200: z.object({ items: z.array(endpoint) }) },
      async handle({ actor }) {
        await allowInOwnAuthority(db, actor, 'integration.readWebhooks');
        return ok({ items: (await listEndpoints(db, actor.authorityId)).map(endpointOut) });
      },
    }),
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/webhook-endpoints/:id/test',
      operationId: 'testWebhookEndpoint',
      summary: 'Sends a `webhook.test` event to the endpoint at once',
      tag: 'Webhooks',
      scope: 'webhooks:write',
      object: 'decided',
      params: idParams,
      responses: {
        200: z.object({
          delivered: z.boolean(),
          statusCode: z.number().int().nullable(),
          error: z.string().nullable(),
          durationMs: z.number().int(),
        }),
      },
      errors: [404],
      async handle({ actor, params }) {
        await allowInOwnAuthority(db, actor, 'integration.manageWebhooks');
        // Another authority's endpoint does not exist for this application.
        const found = await getEndpoint(db, actor.authorityId, params.id);
        if (!found) throw notFound();
        const result = await sendTestEvent(deps, found);
        return ok({
          delivered: result.ok,
          statusCode: result.statusCode,
          error: result.error,
          durationMs: result.durationMs,
        });
      },
    }),
  ];
}
