import { notFound } from '../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { can } from '../policy/index.ts';
import type { Authority, Palette } from './authority.ts';
import { brandingOf } from './branding.ts';
import { authorityMessages } from './messages.ts';
import { getAuthorityBySlug, getCanton } from './queries.ts';
import { updateBranding } from './update-branding.ts';
import { BrandingPage } from './views/branding-page.tsx';
import { ContactDetails } from './views/contact-details.tsx';

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

  /** Its admins and platform admins, per the policy; anyone else is answered as if it did not exist. */
  async function brandingManager(c: RouteContext, authority: Authority) {
    const actor = c.var.actor;
    const decision = await can(db, actor, 'authority.manageBranding', {
      type: 'authority',
      authorityId: authority.id,
    });
    if (actor?.kind !== 'person' || !decision.allowed) throw notFound();
    return actor;
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
      path: '/authorities/:slug/contact',
      access: 'anonymous',
      object: { none: 'public contact details of an authority' },
      async handler(c) {
        const page = await authorityPage(c, ['canton', 'cantonal_service', 'commune']);
        const t = authorityMessages.translator(page.locale);
        const title = t('contactTitle', {
          authority: pick(page.authority.names, page.locale, page.authority.languages),
        });
        return platform.render(
          c,
          { title, locale: page.locale, branding: page.branding },
          <>
            <h1>{title}</h1>
            <p class="lead">{t('contactLead')}</p>
            <ContactDetails locale={page.locale} authority={page.authority} />
          </>,
        );
      },
    },
    {
      method: 'GET',
      path: '/authorities/:slug/branding',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const page = await authorityPage(c, ['canton', 'cantonal_service', 'commune']);
        // An authority the actor may not manage is answered as absent, so its existence does not leak.
        await brandingManager(c, page.authority);
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
        const actor = await brandingManager(c, page.authority);
        const form = await c.req.parseBody();
        const field = (name: string) =>
          typeof form[name] === 'string' ? form[name].trim().toLowerCase() : '';
        const palette = {
          primary: field('primary'),
          primaryText: field('primaryText'),
          accent: field('accent'),
        };
        const result = await updateBranding(db, actor, page.authority, palette, c.var.requestId);
        if (!result.ok) return renderBranding(c, page, palette, result.problems);
        return c.redirect(`${c.req.path}?saved=1`, 303);
      },
    },
  ];
}
