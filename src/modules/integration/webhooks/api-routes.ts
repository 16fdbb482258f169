import type { RouteContext, RouteDef } from '../../../platform/http/route.ts';
import type { Platform } from '../../../platform/module.ts';
import { can } from '../../policy/index.ts';
import { sendTestEvent } from './delivery-log.ts';
import { createEndpoint, type Endpoint, endpointProblems, getEndpoint, listEndpoints } from './endpoints.ts';

const apiLimit = { bucket: 'api', limit: 600, windowSeconds: 60 };

/** RFC 9457 problem details. */
const problem = (c: RouteContext, status: 400 | 401 | 403 | 404 | 422, title: string, extra = {}) =>
  c.json({ type: 'about:blank', title, status, ...extra }, status, {
    'content-type': 'application/problem+json',
  });

export const endpointJson = (endpoint: Endpoint) => ({
  id: endpoint.id,
  url: endpoint.url,
  description: endpoint.description,
  events: endpoint.events,
  formIds: endpoint.form_ids,
  createdAt: endpoint.created_at.toISOString(),
  disabledAt: endpoint.disabled_at?.toISOString() ?? null,
  failingSince: endpoint.failing_since?.toISOString() ?? null,
});

/** `/api/v1/webhook-endpoints`: a business application subscribes its own authority's events. */
export function webhookApiRoutes(platform: Platform): RouteDef[] {
  const { db, secrets } = platform;
  const deps = { db, secrets, now: platform.now };

  /** The calling application's authority, if the policy lets it manage webhooks there. */
  async function caller(c: RouteContext): Promise<string | null> {
    const actor = c.var.actor;
    if (actor?.kind !== 'apiClient') return null;
    const decision = await can(db, actor, 'integration.manageWebhooks', {
      type: 'authority',
      authorityId: actor.authorityId,
    });
    return decision.allowed ? actor.authorityId : null;
  }

  return [
    {
      method: 'POST',
      path: '/api/v1/webhook-endpoints',
      access: 'apiClient',
      object: 'decided',
      rateLimit: apiLimit,
      async handler(c) {
        const authorityId = await caller(c);
        if (!authorityId) return problem(c, 403, 'Forbidden');
        const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
        const strings = (value: unknown) =>
          Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
        const url = typeof body?.url === 'string' ? body.url : '';
        const events = strings(body?.events) ?? [];
        const formIds = body?.formIds === undefined ? [] : strings(body.formIds);
        const problems = endpointProblems({ url, events });
        if (formIds === null || formIds.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) problems.push('formIds');
        if (problems.length > 0)
          return problem(c, 422, 'Invalid webhook endpoint', {
            errors: problems.map((p) => ({ pointer: `#/${p}`, detail: `invalid ${p}` })),
          });
        const created = await createEndpoint(db, secrets, `api:${c.var.actor?.id}`, {
          authorityId,
          url,
          events,
          formIds: formIds ?? [],
          description: typeof body?.description === 'string' ? body.description.slice(0, 200) : '',
        });
        return c.json({ ...endpointJson(created.endpoint), secret: created.secret }, 201);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/webhook-endpoints',
      access: 'apiClient',
      object: 'decided',
      rateLimit: apiLimit,
      async handler(c) {
        const authorityId = await caller(c);
        if (!authorityId) return problem(c, 403, 'Forbidden');
        return c.json({ data: (await listEndpoints(db, authorityId)).map(endpointJson) });
      },
    },
    {
      method: 'POST',
      path: '/api/v1/webhook-endpoints/:id/test',
      access: 'apiClient',
      object: 'decided',
      rateLimit: { bucket: 'webhook-test', limit: 30, windowSeconds: 60 },
      async handler(c) {
        const authorityId = await caller(c);
        // Another authority's endpoint does not exist for this application.
        const endpoint = authorityId && (await getEndpoint(db, authorityId, c.req.param('id') ?? ''));
        if (!endpoint) return problem(c, 404, 'Not Found');
        const result = await sendTestEvent(deps, endpoint);
        return c.json({
          delivered: result.ok,
          statusCode: result.statusCode,
          error: result.error,
          durationMs: result.durationMs,
        });
      },
    },
  ];
}
