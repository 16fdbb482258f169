import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { toIsoDate } from '../../platform/i18n/swiss-date.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { type ApiScope, apiScopes, can } from '../policy/index.ts';
import {
  createApiClient,
  getApiClient,
  listApiClients,
  revokeApiClient,
  rotateApiKey,
} from './api-clients.ts';
import { integrationMessages } from './messages.ts';
import { ApiKeysPage, type NewKeyForm, NewKeyPage } from './views/api-keys-page.tsx';

/** How long an old key keeps working after a rotation from the back office. */
const overlapHours = 24;

/** The authority administrator's page of API keys: create (shown once), rotate, revoke, all audited. */
export function keyRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const base = (slug: string) => `/back-office/authorities/${slug}/api-keys`;
  async function keysAuthority(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    if (!authority) throw notFound();
    const decision = await can(db, c.var.actor, 'authority.manageApiKeys', {
      type: 'authority',
      authorityId: authority.id,
    });
    if (!decision.allowed) throw notFound();
    return authority;
  }
  const t = (c: RouteContext) => integrationMessages.translator(c.var.locale);
  const listPage = async (
    c: RouteContext,
    authorityId: string,
    slug: string,
    errors: FieldError[] = [],
    kept?: NewKeyForm,
  ) =>
    platform.render(
      c,
      { title: t(c)('keysTitle'), status: errors.length > 0 ? 400 : 200 },
      <ApiKeysPage
        locale={c.var.locale}
        base={base(slug)}
        clients={await listApiClients(db, authorityId)}
        errors={errors}
        kept={kept}
      />,
    );
  const shown = (c: RouteContext, slug: string, name: string, keyValue: string) => {
    // A page that shows a secret is never kept by a cache.
    c.header('Cache-Control', 'no-store');
    return platform.render(
      c,
      { title: t(c)('keyCreated', { name }) },
      <NewKeyPage locale={c.var.locale} base={base(slug)} name={name} keyValue={keyValue} />,
    );
  };
  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/api-keys',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await keysAuthority(c);
        return listPage(c, authority.id, authority.slug);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/api-keys',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await keysAuthority(c);
        const form = await c.req.parseBody({ all: true });
        const list = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []).map(String);
        const kept: NewKeyForm = {
          name: String(form.name ?? '')
            .trim()
            .slice(0, 100),
          scopes: list(form.scopes).filter((s) => apiScopes.includes(s as ApiScope)),
          mode: form.mode === 'test' ? 'test' : 'live',
          expires: String(form.expires ?? '').trim(),
        };
        const expiresIso = kept.expires ? toIsoDate(kept.expires) : undefined;
        const expiresAt = expiresIso ? new Date(`${expiresIso}T23:59:59Z`) : null;
        const errors: FieldError[] = [];
        if (!kept.name) errors.push({ field: 'name', message: t(c)('nameMissing') });
        if (kept.scopes.length === 0) errors.push({ field: 'scopes', message: t(c)('scopesMissing') });
        if (kept.expires && (!expiresAt || expiresAt <= platform.now()))
          errors.push({ field: 'expires', message: t(c)('expiresInvalid') });
        if (errors.length > 0) return listPage(c, authority.id, authority.slug, errors, kept);
        const made = await createApiClient(db, `person:${loggedInPerson(c).id}`, {
          authorityId: authority.id,
          name: kept.name,
          scopes: kept.scopes as ApiScope[],
          mode: kept.mode as 'test' | 'live',
          expiresAt,
        });
        return shown(c, authority.slug, kept.name, made.key);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/api-keys/:id/rotate',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await keysAuthority(c);
        const clientId = c.req.param('id') ?? '';
        const client = await getApiClient(db, authority.id, clientId);
        const rotated = await rotateApiKey(
          db,
          `person:${loggedInPerson(c).id}`,
          { authorityId: authority.id, clientId, overlapHours },
          platform.now(),
        );
        if (!client || !rotated) throw notFound();
        return shown(c, authority.slug, client.name, rotated.key);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/api-keys/:id/revoke',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await keysAuthority(c);
        const done = await revokeApiClient(
          db,
          `person:${loggedInPerson(c).id}`,
          { authorityId: authority.id, clientId: c.req.param('id') ?? '' },
          platform.now(),
        );
        if (!done) throw notFound();
        return c.redirect(base(authority.slug), 303);
      },
    },
  ];
}
