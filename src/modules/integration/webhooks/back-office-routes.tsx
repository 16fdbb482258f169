import { notFound } from '../../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../../platform/http/route.ts';
import { pick } from '../../../platform/i18n/locales.ts';
import type { Platform } from '../../../platform/module.ts';
import { type Authority, getAuthorityBySlug } from '../../authorities/index.ts';
import { can } from '../../policy/index.ts';
import { EndpointPage } from '../views/endpoint-page.tsx';
import { WebhooksPage } from '../views/webhooks-page.tsx';
import type { AttemptResult } from './deliver.ts';
import { listDeliveries, replayDelivery, sendTestEvent } from './delivery-log.ts';
import { createEndpoint, enableEndpoint, endpointProblems, getEndpoint, listEndpoints } from './endpoints.ts';
import { webhookMessages } from './webhook-messages.ts';

/** The back office's webhooks: an authority's administrators subscribe, test, follow and replay. */
export function webhookBackOfficeRoutes(platform: Platform): RouteDef[] {
  const { db, secrets } = platform;
  const deps = { db, secrets, now: platform.now };
  const base = (authority: Authority) => `/back-office/authorities/${authority.slug}/webhooks`;

  /** The authority, if the actor administers it; else it is answered as absent. */
  async function managed(c: RouteContext): Promise<Authority> {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const decision =
      authority &&
      (await can(db, c.var.actor, 'authority.manageWebhooks', {
        type: 'authority',
        authorityId: authority.id,
      }));
    if (!authority || !decision?.allowed) throw notFound();
    return authority;
  }

  async function endpointOf(c: RouteContext) {
    const authority = await managed(c);
    const endpoint = await getEndpoint(db, authority.id, c.req.param('id') ?? '');
    if (!endpoint) throw notFound();
    return { authority, endpoint };
  }

  async function renderEndpoint(c: RouteContext, notice?: string) {
    const { authority, endpoint } = await endpointOf(c);
    const t = webhookMessages.translator(c.var.locale);
    return platform.render(
      c,
      { title: t('endpointTitle', { url: endpoint.url }) },
      <EndpointPage
        locale={c.var.locale}
        basePath={base(authority)}
        endpoint={endpoint}
        deliveries={await listDeliveries(db, endpoint)}
        notice={notice}
      />,
    );
  }

  const outcome = (c: RouteContext, result: AttemptResult | null) => {
    const t = webhookMessages.translator(c.var.locale);
    if (result?.ok) return t('testSent', { code: result.statusCode ?? 0, ms: result.durationMs });
    return t('testFailed', {
      reason: result?.statusCode ? String(result.statusCode) : (result?.error ?? t('noAnswer')),
    });
  };

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/webhooks',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await managed(c);
        const t = webhookMessages.translator(c.var.locale);
        const authorityName = pick(authority.names, c.var.locale, authority.languages);
        return platform.render(
          c,
          { title: t('webhooksTitle', { authority: authorityName }) },
          <WebhooksPage
            locale={c.var.locale}
            authorityName={authorityName}
            basePath={base(authority)}
            endpoints={await listEndpoints(db, authority.id)}
            problems={[]}
            values={{ url: '', description: '', events: [] }}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/webhooks',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await managed(c);
        const form = await c.req.parseBody({ all: true });
        const text = (name: string) => (typeof form[name] === 'string' ? form[name].trim() : '');
        const events = [form.events ?? []].flat().filter((e): e is string => typeof e === 'string');
        const values = { url: text('url'), description: text('description').slice(0, 200), events };
        const problems = endpointProblems(values) as ('url' | 'events')[];
        const created =
          problems.length === 0
            ? await createEndpoint(db, secrets, `person:${loggedInPerson(c).id}`, {
                authorityId: authority.id,
                ...values,
              })
            : undefined;
        const t = webhookMessages.translator(c.var.locale);
        const authorityName = pick(authority.names, c.var.locale, authority.languages);
        // The secret is shown on this answer only: there is no page to see it again.
        return platform.render(
          c,
          { title: t('webhooksTitle', { authority: authorityName }), status: created ? 200 : 422 },
          <WebhooksPage
            locale={c.var.locale}
            authorityName={authorityName}
            basePath={base(authority)}
            endpoints={await listEndpoints(db, authority.id)}
            created={created}
            problems={problems}
            values={created ? { url: '', description: '', events: [] } : values}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/webhooks/:id',
      access: 'staff',
      object: 'decided',
      handler: (c) => renderEndpoint(c),
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/webhooks/:id/test',
      access: 'staff',
      object: 'decided',
      rateLimit: { bucket: 'webhook-test', limit: 30, windowSeconds: 60 },
      async handler(c) {
        const { endpoint } = await endpointOf(c);
        const result = await sendTestEvent(deps, endpoint);
        return renderEndpoint(c, outcome(c, result));
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/webhooks/:id/enable',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, endpoint } = await endpointOf(c);
        await enableEndpoint(db, `person:${loggedInPerson(c).id}`, endpoint);
        return c.redirect(`${base(authority)}/${endpoint.id}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/webhooks/:id/deliveries/:deliveryId/replay',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority } = await endpointOf(c);
        const result = await replayDelivery(deps, authority.id, c.req.param('deliveryId') ?? '');
        if (!result) throw notFound();
        const t = webhookMessages.translator(c.var.locale);
        return renderEndpoint(c, t('replayed', { outcome: outcome(c, result) }));
      },
    },
  ];
}
