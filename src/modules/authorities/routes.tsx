import { notFound } from '../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { Authority, Palette } from './authority.ts';
import { brandingOf } from './branding.ts';
import { authorityMessages } from './messages.ts';
import { getAuthorityBySlug, getCanton } from './queries.ts';
import { mayManageBranding, updateBranding } from './update-branding.ts';
import { BrandingPage } from './views/branding-page.tsx';

export function authorityRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function canton(): Promise<Authority> {
    const found = await getCanton(db);
    if (!found) throw new Error('No canton: run `guichet seed --demo` or create one');
    return found;
  }

  async function authorityPage(c: RouteContext, kinds: Authority['kind'][]) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    if (!authority || !kinds.includes(authority.kind)) throw notFound();
    const locale = c.var.localeFor(authority.languages);
    return { authority, locale, branding: brandingOf(authority, await canton(), locale, platform.assets) };
  }

  async function renderBranding(
    c: RouteContext,
    page: { authority: Authority; locale: Locale; branding: ReturnType<typeof brandingOf> },
    values: Palette,
    problems: Parameters<typeof BrandingPage>[0]['problems'],
  ) {
    const t = authorityMessages.translator(page.locale);
    const authorityName = pick(page.authority.names, page.locale);
    return platform.render(
      c,
      {
        title: t('brandingTitle', { authority: authorityName }),
        locale: page.locale,
        branding: page.branding,
        status: problems.length > 0 ? 422 : 200,
      },
      <BrandingPage
        locale={page.locale}
        authorityName={authorityName}
        action={c.req.path}
        values={values}
        problems={problems}
        saved={c.req.query('saved') === '1'}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/authorities/:slug/branding',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const page = await authorityPage(c, ['canton', 'cantonal_service', 'commune']);
        // An authority the actor may not manage is answered as absent, so its existence does not leak.
        if (!(await mayManageBranding(db, c.var.actor, page.authority))) throw notFound();
        return renderBranding(c, page, page.authority.palette, []);
      },
    },
    {
      method: 'POST',
      path: '/authorities/:slug/branding',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const page = await authorityPage(c, ['canton', 'cantonal_service', 'commune']);
        if (!(await mayManageBranding(db, c.var.actor, page.authority))) throw notFound();
        const form = await c.req.parseBody();
        const field = (name: string) =>
          typeof form[name] === 'string' ? form[name].trim().toLowerCase() : '';
        const palette = {
          primary: field('primary'),
          primaryText: field('primaryText'),
          accent: field('accent'),
        };
        const result = await updateBranding(db, c.var.actor, page.authority, palette, c.var.requestId);
        if (!result.ok) return renderBranding(c, page, palette, result.problems);
        return c.redirect(`${c.req.path}?saved=1`, 303);
      },
    },
  ];
}

/** The canton's look, for pages that belong to no particular authority (errors, previews). */
export async function cantonBranding(platform: Platform, locale: Locale) {
  const home = await getCanton(platform.db);
  if (!home) throw new Error('No canton: run `guichet seed --demo` or create one');
  return brandingOf(home, home, locale, platform.assets);
}
